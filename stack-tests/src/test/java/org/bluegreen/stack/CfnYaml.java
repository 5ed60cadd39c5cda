package org.bluegreen.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM YAML template into plain maps and lists, turning the short-form tags into the
 * JSON form CloudFormation itself uses: {@code !Ref X} becomes {@code {Ref: X}}, {@code !Sub s} becomes
 * {@code {Fn::Sub: s}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}, and so on. SnakeYAML's safe
 * loader rejects unknown tags, hence this constructor. Duplicate keys are an error (CloudFormation would
 * silently keep one of them).
 *
 * <p>Also a few helpers for walking templates: both branches of every {@code Fn::If}, {@code AWS::NoValue}.
 */
final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "Equals", "FindInMap", "GetAZs",
            "If", "ImportValue", "Join", "Not", "And", "Or", "Select", "Split", "Sub", "Transform", "Length",
            "ToJsonString");

    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc = new Yaml(new Constructor(options)).load(yaml);
        return (Map<String, Object>) doc;
    }

    static Map<String, Object> loadTemplate() {
        return load(Repo.read("template.yaml"));
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute]
                    value = key.equals("Fn::GetAtt") ? List.of(text.substring(0, text.indexOf('.')),
                            text.substring(text.indexOf('.') + 1)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> fn = new LinkedHashMap<>();
                fn.put(key, value);
                return fn;
            }
        }
    }

    // ------------------------------------------------------------------ walking helpers

    /** {@code {Ref: AWS::NoValue}}: CloudFormation drops the list item or key holding it. */
    static boolean isNoValue(Object x) {
        return x instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"));
    }

    /**
     * Every value {@code x} can take, whatever the Conditions: an {@code Fn::If} contributes both branches
     * (recursively), {@code AWS::NoValue} contributes nothing, anything else itself.
     */
    static List<Object> alternatives(Object x) {
        List<Object> out = new ArrayList<>();
        collect(x, out::add);
        return out;
    }

    private static void collect(Object x, Consumer<Object> sink) {
        if (isNoValue(x)) {
            return;
        }
        if (x instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::If")) {
            List<?> parts = (List<?>) m.get("Fn::If");
            collect(parts.get(1), sink);
            collect(parts.get(2), sink);
            return;
        }
        sink.accept(x);
    }

    /** A list property's items under every Condition: each item's alternatives, flattened. */
    static List<Object> items(Object listOrSingle) {
        List<Object> out = new ArrayList<>();
        for (Object alt : alternatives(listOrSingle)) {
            if (alt instanceof List<?> list) {
                for (Object item : list) {
                    out.addAll(alternatives(item));
                }
            } else {
                out.add(alt);
            }
        }
        return out;
    }

    /** Every intrinsic ({@code Ref}, {@code Fn::...}, {@code Condition}) inside x, outermost first. */
    static List<Object> intrinsicsIn(Object x) {
        List<Object> found = new ArrayList<>();
        if (x instanceof Map<?, ?> m && m.size() == 1 && m.keySet().iterator().next() instanceof String key
                && (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::"))) {
            found.add(x);
        } else if (x instanceof Map<?, ?> m) {
            m.values().forEach(v -> found.addAll(intrinsicsIn(v)));
        } else if (x instanceof List<?> list) {
            list.forEach(v -> found.addAll(intrinsicsIn(v)));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object x) {
        return (Map<String, Object>) x;
    }

    /** Nested lookup: {@code get(template, "Resources", "BlueSecret", "Properties")}. */
    static Object get(Object root, String... path) {
        Object at = root;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new AssertionError("no " + String.join(".", path) + " (stopped at " + key + ")");
            }
            at = m.get(key);
        }
        return at;
    }

    static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }
}
