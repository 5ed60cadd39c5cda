package org.bluegreen.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A translated (SAM-free) CloudFormation template and one parameter set: the parameters' values (defaults filled
 * in, list types split), the conditions, and the intrinsic functions the template uses (Ref, Fn::Sub, Fn::If,
 * Fn::Join, Fn::GetAtt, Fn::Equals/Not/And/Or, Condition) resolved the way CloudFormation resolves them. What a
 * resource's Ref or attribute is comes from the caller (the stack that created it). Anything else fails loudly.
 */
final class StackTemplate {

    static final String REGION = SamTranslator.REGION;
    static final String ACCOUNT = "123456789012";
    static final String PARTITION = "aws";
    /** {@code Ref AWS::NoValue}: the property or list element disappears. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, Object> template;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final String stackName;

    @SuppressWarnings("unchecked")
    StackTemplate(Map<String, Object> translated, Map<String, Object> given, String stackName) {
        this.template = translated;
        this.stackName = stackName;
        Map<String, Object> declared = (Map<String, Object>) translated.getOrDefault("Parameters", Map.of());
        declared.forEach((name, spec) -> {
            Map<String, Object> p = (Map<String, Object>) spec;
            Object value = given.containsKey(name) ? given.get(name) : p.get("Default");
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no value and no default");
            }
            String type = String.valueOf(p.get("Type"));
            boolean list = type.equals("CommaDelimitedList") || type.startsWith("List<");
            if (list && value instanceof String s) {
                value = List.of(s.split(","));
            }
            parameters.put(name, list ? value : String.valueOf(value));
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.get("Resources");
    }

    Map<String, Object> resource(String logicalId) {
        Map<String, Object> r = resources().get(logicalId);
        if (r == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the translated template");
        }
        return r;
    }

    String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    /** Whether the resource exists for this parameter set (its Condition, if any, holds). */
    boolean included(String logicalId) {
        Object condition = resource(logicalId).get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    /** The resources this parameter set creates, each after every resource it refers to or depends on. */
    List<String> creationOrder() {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String id : resources().keySet()) {
            visit(id, order, visiting);
        }
        return order;
    }

    private void visit(String id, List<String> order, Set<String> visiting) {
        if (order.contains(id) || !included(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new IllegalStateException("circular dependency through " + id);
        }
        for (String dependency : dependencies(id)) {
            visit(dependency, order, visiting);
        }
        visiting.remove(id);
        order.add(id);
    }

    /** The resources {@code id} refers to (Ref, GetAtt, ${...} in Sub) or names in DependsOn. */
    Set<String> dependencies(String id) {
        Set<String> out = new LinkedHashSet<>();
        Object dependsOn = resource(id).get("DependsOn");
        if (dependsOn instanceof String s) {
            out.add(s);
        } else if (dependsOn instanceof List<?> l) {
            l.forEach(d -> out.add(String.valueOf(d)));
        }
        collectReferences(resource(id).get("Properties"), out);
        out.retainAll(resources().keySet());
        return out;
    }

    private static void collectReferences(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("Ref")) {
                out.add(String.valueOf(m.get("Ref")));
            } else if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
                out.add(getAtt(m.get("Fn::GetAtt"))[0]);
            } else if (m.size() == 1 && m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                String text = sub instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(sub);
                Matcher v = SUB_VARIABLE.matcher(text);
                while (v.find()) {
                    out.add(v.group(1).split("\\.")[0]);
                }
                if (sub instanceof List<?> l) {
                    collectReferences(l.get(1), out);
                }
            } else {
                m.values().forEach(v -> collectReferences(v, out));
            }
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectReferences(v, out));
        }
    }

    /**
     * The resource's top-level attribute (e.g. "Properties", "DeletionPolicy") with every intrinsic resolved;
     * {@code refs} answers (logicalId, null) for a resource's Ref and (logicalId, attribute) for its GetAtt.
     */
    Object resolved(String logicalId, String attribute, BiFunction<String, String, Object> refs) {
        Object value = resolve(resource(logicalId).get(attribute), refs);
        return value == NO_VALUE ? null : value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId, BiFunction<String, String, Object> refs) {
        Object p = resolved(logicalId, "Properties", refs);
        return p == null ? Map.of() : (Map<String, Object>) p;
    }

    @SuppressWarnings("unchecked")
    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        Map<String, Object> all = (Map<String, Object>) template.getOrDefault("Conditions", Map.of());
        if (!all.containsKey(name)) {
            throw new IllegalArgumentException("no condition " + name);
        }
        Object value = resolve(all.get(name), (id, attr) -> {
            throw new IllegalStateException("a condition refers to resource " + id);
        });
        boolean b = (Boolean) value;
        conditions.put(name, b);
        return b;
    }

    private Object resolve(Object node, BiFunction<String, String, Object> refs) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                Object v = resolve(element, refs);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object arg = map.get(key);
            switch (key) {
                case "Ref":
                    return ref(String.valueOf(arg), refs);
                case "Fn::GetAtt": {
                    String[] att = getAtt(arg);
                    return refs.apply(att[0], att[1]);
                }
                case "Fn::Sub":
                    return sub(arg, refs);
                case "Fn::If": {
                    List<?> l = (List<?>) arg;
                    return resolve(condition(String.valueOf(l.get(0))) ? l.get(1) : l.get(2), refs);
                }
                case "Fn::Join": {
                    List<?> l = (List<?>) arg;
                    List<?> parts = (List<?>) resolve(l.get(1), refs);
                    return String.join(String.valueOf(l.get(0)), parts.stream().map(String::valueOf).toList());
                }
                case "Fn::Equals": {
                    List<?> l = (List<?>) arg;
                    return String.valueOf(resolve(l.get(0), refs)).equals(String.valueOf(resolve(l.get(1), refs)));
                }
                case "Fn::Not":
                    return !(Boolean) resolve(((List<?>) arg).get(0), refs);
                case "Fn::And":
                    return ((List<?>) arg).stream().allMatch(c -> (Boolean) resolve(c, refs));
                case "Fn::Or":
                    return ((List<?>) arg).stream().anyMatch(c -> (Boolean) resolve(c, refs));
                case "Condition":
                    return condition(String.valueOf(arg));
                default:
                    if (key.startsWith("Fn::")) {
                        throw new UnsupportedOperationException(key + " is not modelled by this resolver");
                    }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object r = resolve(v, refs);
            if (r != NO_VALUE) {
                out.put(String.valueOf(k), r);
            }
        });
        return out;
    }

    private Object ref(String name, BiFunction<String, String, Object> refs) {
        switch (name) {
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return PARTITION;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return stackName;
            default:
                if (parameters.containsKey(name)) {
                    return parameters.get(name);
                }
                return refs.apply(name, null);
        }
    }

    private Object sub(Object arg, BiFunction<String, String, Object> refs) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (arg instanceof List<?> l) {
            text = String.valueOf(l.get(0));
            ((Map<?, ?>) l.get(1)).forEach((k, v) -> variables.put(String.valueOf(k), resolve(v, refs)));
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".")) {
                String[] att = name.split("\\.", 2);
                value = refs.apply(att[0], att[1]);
            } else {
                value = ref(name, refs);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String[] getAtt(Object arg) {
        if (arg instanceof List<?> l) {
            return new String[] {String.valueOf(l.get(0)), String.valueOf(l.get(1))};
        }
        return String.valueOf(arg).split("\\.", 2);
    }
}
