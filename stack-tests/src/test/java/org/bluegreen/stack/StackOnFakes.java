package org.bluegreen.stack;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What CloudFormation does with a translated template, applied to the fakes through their service APIs: create,
 * update (per resource, only when its resolved properties changed; a resource whose logical id is new is created,
 * one that left the template is deleted unless it says {@code DeletionPolicy: Retain}) and delete. Every property
 * comes from the translated template for the stack's current parameter set ({@link StackTemplate}).
 *
 * <p>Modelled, from the CloudFormation resource reference: a secret's value is generated from
 * {@code GenerateSecretString} (GetRandomPassword's options, the password put under {@code GenerateStringKey} of
 * {@code SecretStringTemplate}) on create, and generated anew when an update changes {@code GenerateSecretString}
 * (cloudformation-coverage-roadmap #2210, #1161); a RotationSchedule calls RotateSecret with its properties on
 * create and on every change ({@code RotateImmediatelyOnUpdate} as {@code RotateImmediately}) and
 * CancelRotateSecret on delete; a function's update changes its configuration, which the next invocation runs
 * with (the template publishes no versions: a Version or Alias resource fails as not modelled). Resources the
 * rotation never touches (IAM, logs, alarms, event rules) get a physical id only.
 */
final class StackOnFakes {

    private static final List<String> NOT_STOOD_UP = List.of("AWS::IAM::Role", "AWS::IAM::ManagedPolicy",
            "AWS::Logs::LogGroup", "AWS::Events::Rule", "AWS::CloudWatch::Alarm");

    /** A resource as the stack holds it: its type, resolved properties and what Ref / GetAtt give. */
    private record Deployed(String type, Map<String, Object> properties, Object deletionPolicy, String physicalId,
                            Map<String, Object> attributes) {}

    private final String stackName;
    private final FakeSecretsManager secrets;
    private final FakeSsm ssm;
    private final StackFunctions functions;
    private final Map<String, Deployed> deployed = new LinkedHashMap<>();
    /** One line per resource operation, for the test's report. */
    private final List<String> events = new ArrayList<>();
    private StackTemplate current;

    StackOnFakes(String stackName, FakeSecretsManager secrets, FakeSsm ssm, StackFunctions functions) {
        this.stackName = stackName;
        this.secrets = secrets;
        this.ssm = ssm;
        this.functions = functions;
    }

    void create(StackTemplate template) {
        current = template;
        for (String id : template.creationOrder()) {
            createResource(template, id);
        }
    }

    /** A stack update to {@code next}; returns the resource operations it did. */
    List<String> update(StackTemplate next) {
        int from = events.size();
        StackTemplate previous = current;
        current = next;
        for (String id : next.creationOrder()) {
            Deployed old = deployed.get(id);
            if (old == null) {
                createResource(next, id);
                continue;
            }
            Map<String, Object> properties = next.properties(id, this::attribute);
            if (!properties.equals(old.properties())) {
                updateResource(previous, next, id, old, properties);
            }
        }
        List<String> gone = deployed.keySet().stream().filter(id -> !next.creationOrder().contains(id)).toList();
        for (String id : reversed(gone)) {
            deleteResource(id);
        }
        return List.copyOf(events.subList(from, events.size()));
    }

    /** Stack delete: every resource in reverse order, except those that say {@code DeletionPolicy: Retain}. */
    List<String> delete() {
        int from = events.size();
        for (String id : reversed(deployed.keySet())) {
            deleteResource(id);
        }
        return List.copyOf(events.subList(from, events.size()));
    }

    /** Ref (attribute null) or GetAtt of a created resource. */
    Object attribute(String logicalId, String attribute) {
        Deployed d = deployed.get(logicalId);
        if (d == null) {
            throw new IllegalStateException(logicalId + " is referred to before it exists");
        }
        if (attribute == null) {
            return d.physicalId();
        }
        Object value = d.attributes().get(attribute);
        if (value == null) {
            throw new UnsupportedOperationException("GetAtt " + logicalId + "." + attribute + " is not modelled");
        }
        return value;
    }

    Map<String, Object> properties(String logicalId) {
        return deployed.get(logicalId).properties();
    }

    List<String> events() {
        return List.copyOf(events);
    }

    // ---------------------------------------------------------------- per resource type

    private void createResource(StackTemplate template, String id) {
        String type = template.type(id);
        Map<String, Object> p = template.properties(id, this::attribute);
        Object deletionPolicy = template.resolved(id, "DeletionPolicy", this::attribute);
        String physicalId;
        Map<String, Object> attributes = new LinkedHashMap<>();
        switch (type) {
            case "AWS::SSM::Parameter" -> {
                physicalId = (String) p.get("Name");
                ssm.putParameter(b -> b.name(physicalId).value((String) p.get("Value"))
                        .type(ParameterType.fromValue((String) p.get("Type")))
                        .description((String) p.get("Description"))
                        .allowedPattern((String) p.get("AllowedPattern")));
            }
            case "AWS::SecretsManager::Secret" -> {
                physicalId = secrets.createSecret(b -> b.name((String) p.get("Name"))
                        .description((String) p.get("Description"))
                        .secretString(secretValue(p))
                        .tags(tags(p))).arn();
            }
            case "AWS::Lambda::Function" -> {
                physicalId = stackName + "-" + id + "-" + Integer.toHexString(Objects.hash(stackName, id)).toUpperCase();
                functions.createFunction(physicalId, configuration(p));
                attributes.put("Arn", StackFunctions.arn(physicalId));
            }
            case "AWS::Lambda::Permission" -> {
                functions.addPermission((String) p.get("FunctionName"), (String) p.get("Principal"), (String) p.get("SourceAccount"));
                physicalId = stackName + "-" + id;
            }
            case "AWS::SecretsManager::RotationSchedule" -> {
                physicalId = applySchedule(p);
            }
            default -> {
                if (!NOT_STOOD_UP.contains(type)) {
                    throw new UnsupportedOperationException(type + " (" + id + ") is not modelled");
                }
                physicalId = stackName + "-" + id;
                attributes.put("Arn", "arn:aws:" + type.split("::")[1].toLowerCase() + "::" + StackTemplate.ACCOUNT + ":" + physicalId);
            }
        }
        deployed.put(id, new Deployed(type, p, deletionPolicy, physicalId, attributes));
        events.add("CREATE " + id + " (" + type + ")");
    }

    private void updateResource(StackTemplate previous, StackTemplate next, String id, Deployed old, Map<String, Object> p) {
        String type = old.type();
        Object deletionPolicy = next.resolved(id, "DeletionPolicy", this::attribute);
        switch (type) {
            case "AWS::SSM::Parameter" -> {
                requireSame(id, old, p, "Name");
                ssm.putParameter(b -> b.name(old.physicalId()).value((String) p.get("Value")).overwrite(true)
                        .description((String) p.get("Description"))
                        .allowedPattern((String) p.get("AllowedPattern")));
            }
            case "AWS::SecretsManager::Secret" -> {
                requireSame(id, old, p, "Name");
                if (!Objects.equals(old.properties().get("Tags"), p.get("Tags"))) {
                    List<String> keys = tagMap(old.properties()).keySet().stream()
                            .filter(k -> !tagMap(p).containsKey(k)).toList();
                    if (!keys.isEmpty()) {
                        secrets.untagResource(b -> b.secretId(old.physicalId()).tagKeys(keys));
                    }
                    secrets.tagResource(b -> b.secretId(old.physicalId()).tags(tags(p)));
                    events.add("  tags of " + id + " updated");
                }
                if (!Objects.equals(old.properties().get("GenerateSecretString"), p.get("GenerateSecretString"))) {
                    // CloudFormation generates the value anew on any change to GenerateSecretString.
                    secrets.putSecretValue(b -> b.secretId(old.physicalId()).secretString(secretValue(p)));
                    events.add("  value of " + id + " GENERATED ANEW (GenerateSecretString changed)");
                }
            }
            case "AWS::Lambda::Function" -> functions.updateFunction(old.physicalId(), configuration(p));
            case "AWS::Lambda::Permission" -> {
                functions.removePermission((String) old.properties().get("FunctionName"), (String) old.properties().get("Principal"));
                functions.addPermission((String) p.get("FunctionName"), (String) p.get("Principal"), (String) p.get("SourceAccount"));
            }
            case "AWS::SecretsManager::RotationSchedule" -> applySchedule(p);
            default -> {
                if (!NOT_STOOD_UP.contains(type)) {
                    throw new UnsupportedOperationException(type + " (" + id + ") update is not modelled");
                }
            }
        }
        deployed.put(id, new Deployed(type, p, deletionPolicy, old.physicalId(), old.attributes()));
        events.add("UPDATE " + id + " (" + type + ")");
    }

    private void deleteResource(String id) {
        Deployed d = deployed.remove(id);
        if ("Retain".equals(d.deletionPolicy())) {
            events.add("RETAIN " + id + " (" + d.type() + ")");
            return;
        }
        switch (d.type()) {
            case "AWS::SSM::Parameter" -> ssm.deleteParameter(b -> b.name(d.physicalId()));
            case "AWS::SecretsManager::Secret" ->
                    secrets.deleteSecret(b -> b.secretId(d.physicalId()).forceDeleteWithoutRecovery(true));
            case "AWS::Lambda::Function" -> functions.deleteFunction(d.physicalId());
            case "AWS::Lambda::Permission" -> functions.removePermission((String) d.properties().get("FunctionName"),
                    (String) d.properties().get("Principal"));
            case "AWS::SecretsManager::RotationSchedule" ->
                    secrets.cancelRotateSecret(b -> b.secretId((String) d.properties().get("SecretId")));
            default -> {
                // the rest was never stood up
            }
        }
        events.add("DELETE " + id + " (" + d.type() + ")");
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> reversed(java.util.Collection<String> ids) {
        List<String> out = new ArrayList<>(ids);
        java.util.Collections.reverse(out);
        return out;
    }

    private String applySchedule(Map<String, Object> p) {
        String secretId = (String) p.get("SecretId");
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) p.get("RotationRules");
        RotationRulesType.Builder r = RotationRulesType.builder();
        if (rules.get("ScheduleExpression") != null) {
            r.scheduleExpression((String) rules.get("ScheduleExpression"));
        }
        if (rules.get("Duration") != null) {
            r.duration((String) rules.get("Duration"));
        }
        if (rules.get("AutomaticallyAfterDays") != null) {
            r.automaticallyAfterDays(Long.valueOf(String.valueOf(rules.get("AutomaticallyAfterDays"))));
        }
        Object immediately = p.get("RotateImmediatelyOnUpdate");
        secrets.rotateSecret(b -> b.secretId(secretId).rotationLambdaARN((String) p.get("RotationLambdaARN"))
                .rotationRules(r.build())
                .rotateImmediately(immediately == null ? null : Boolean.valueOf(String.valueOf(immediately))));
        return secretId;
    }

    /** The value CloudFormation stores: SecretStringTemplate with a password from GetRandomPassword's options. */
    private String secretValue(Map<String, Object> p) {
        if (p.get("SecretString") != null) {
            return (String) p.get("SecretString");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) p.get("GenerateSecretString");
        GetRandomPasswordRequest.Builder request = GetRandomPasswordRequest.builder();
        if (g.get("PasswordLength") != null) {
            request.passwordLength(Long.valueOf(String.valueOf(g.get("PasswordLength"))));
        }
        if (g.get("ExcludeCharacters") != null) {
            request.excludeCharacters((String) g.get("ExcludeCharacters"));
        }
        request.excludePunctuation(flag(g, "ExcludePunctuation")).excludeNumbers(flag(g, "ExcludeNumbers"))
                .excludeUppercase(flag(g, "ExcludeUppercase")).excludeLowercase(flag(g, "ExcludeLowercase"))
                .includeSpace(flag(g, "IncludeSpace")).requireEachIncludedType(flag(g, "RequireEachIncludedType"));
        String password = secrets.getRandomPassword(request.build()).randomPassword();
        if (g.get("SecretStringTemplate") == null) {
            return password;
        }
        try {
            Map<String, Object> value = new LinkedHashMap<>(JSON.std.mapFrom((String) g.get("SecretStringTemplate")));
            value.put((String) g.get("GenerateStringKey"), password);
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("SecretStringTemplate is not JSON", e);
        }
    }

    private static Boolean flag(Map<String, Object> g, String key) {
        return g.get(key) == null ? null : Boolean.valueOf(String.valueOf(g.get(key)));
    }

    private static StackFunctions.Configuration configuration(Map<String, Object> p) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = p.get("Environment");
        if (environment instanceof Map<?, ?> e && e.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return new StackFunctions.Configuration((String) p.get("Handler"), (String) p.get("Runtime"), env);
    }

    private static List<Tag> tags(Map<String, Object> p) {
        List<Tag> out = new ArrayList<>();
        tagMap(p).forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    private static Map<String, String> tagMap(Map<String, Object> p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (p.get("Tags") instanceof List<?> list) {
            for (Object t : list) {
                Map<?, ?> tag = (Map<?, ?>) t;
                out.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
            }
        }
        return out;
    }

    private static void requireSame(String id, Deployed old, Map<String, Object> p, String property) {
        if (!Objects.equals(old.properties().get(property), p.get(property))) {
            throw new UnsupportedOperationException("changing " + id + "." + property + " replaces the resource: not modelled");
        }
    }
}
