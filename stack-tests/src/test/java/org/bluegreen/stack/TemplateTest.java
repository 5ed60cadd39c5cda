package org.bluegreen.stack;

import static org.bluegreen.stack.CfnYaml.get;
import static org.bluegreen.stack.CfnYaml.map;
import static org.bluegreen.stack.CfnYaml.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.config.FunctionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml against the contract of the rotation function (handler, artifact, environment) and the
 * safety properties the deployment guide promises. Structural, so each failure names what drifted.
 */
class TemplateTest {

    private static final Map<String, Object> T = CfnYaml.loadTemplate();

    /** Everything the function reads from its environment (README "Function environment"). */
    private static final Set<String> FUNCTION_ENVIRONMENT = Set.of("POINTER_PARAMETER", "ECS_CLUSTER",
            "ECS_SERVICES", "PASSWORD_LENGTH", "EXCLUDE_CHARACTERS", "LIVE_SESSION_CHECK", "ACTIVE_SECRET",
            "DB_CA_BUNDLE", "DB_ENDPOINTS");

    private static Map<String, Object> resource(String name) {
        return map(get(T, "Resources", name));
    }

    private static Map<String, Object> props(String name) {
        return map(get(T, "Resources", name, "Properties"));
    }

    private static Map<String, Object> parameter(String name) {
        return map(get(T, "Parameters", name));
    }

    @Test
    void isASamTemplateWhoseFunctionIsTheBuiltRotator() {
        assertEquals("AWS::Serverless-2016-10-31", T.get("Transform"));
        assertEquals("AWS::Serverless::Function", resource("RotationFunction").get("Type"));
        Map<String, Object> fn = props("RotationFunction");
        assertEquals("org.bluegreen.rotator.RotationHandler::handleRequest", fn.get("Handler"));
        assertEquals("java17", fn.get("Runtime"));
        assertEquals("rotator/target/bluegreen-rotator-lambda.jar", fn.get("CodeUri"));
        assertEquals(Map.of("Fn::GetAtt", List.of("RotationFunctionRole", "Arn")), fn.get("Role"));
        assertEquals(Map.of("SubnetIds", ref("VpcSubnetIds"), "SecurityGroupIds", ref("VpcSecurityGroupIds")),
                fn.get("VpcConfig"));
        assertEquals("List<AWS::EC2::Subnet::Id>", parameter("VpcSubnetIds").get("Type"));
        assertEquals("List<AWS::EC2::SecurityGroup::Id>", parameter("VpcSecurityGroupIds").get("Type"));
        int timeout = (Integer) fn.get("Timeout");
        assertTrue(timeout >= 60 && timeout <= 900, "timeout leaves room for a JVM cold start in a VPC: " + timeout);
    }

    /**
     * In a full reactor build the rotator module is packaged before this one: then the jar template.yaml
     * deploys must be exactly there. (Skipped in `-pl stack-tests` builds, where the rotator isn't built.)
     */
    @Test
    void theArtifactTheTemplateDeploysIsWhatTheBuildProduces() throws IOException {
        Path target = Repo.file("rotator/target");
        boolean packaged;
        try (var files = Files.list(target)) {
            packaged = files.anyMatch(p -> p.toString().endsWith(".jar"));
        } catch (java.nio.file.NoSuchFileException e) {
            packaged = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(packaged, "rotator not packaged in this build");
        assertTrue(Files.isRegularFile(Repo.file((String) props("RotationFunction").get("CodeUri"))),
                "rotator/target has jars but not the one template.yaml deploys");
    }

    @Test
    void functionEnvironmentUsesOnlyVariablesTheRotatorReads() {
        Map<String, Object> vars = map(get(props("RotationFunction"), "Environment", "Variables"));
        assertTrue(FUNCTION_ENVIRONMENT.containsAll(vars.keySet()), "unknown variables: " + vars.keySet());
        assertEquals(ref("PointerParameter"), vars.get("POINTER_PARAMETER"));
        assertEquals(ref("EcsClusterName"), vars.get("ECS_CLUSTER"));
        assertEquals(Map.of("Fn::Join", List.of(",", ref("EcsServiceArns"))), vars.get("ECS_SERVICES"));
        // Optional settings must vanish when not configured, so the rotator's defaults apply.
        for (String optional : List.of("EXCLUDE_CHARACTERS", "ACTIVE_SECRET", "DB_CA_BUNDLE")) {
            assertTrue(CfnYaml.alternatives(vars.get(optional)).size() == 1
                    && CfnYaml.isNoValue(((List<?>) map(vars.get(optional)).get("Fn::If")).get(2)),
                    optional + " must be !If [..., value, !Ref AWS::NoValue]");
        }
        assertEquals(List.of("fail", "warn"), parameter("LiveSessionCheck").get("AllowedValues"));
        assertEquals(Map.of("Fn::Sub", "${DbHost}:${DbPort}/${DbName}"), vars.get("DB_ENDPOINTS"),
                "the function sends passwords only to the database the secrets are made for");
    }

    @ParameterizedTest
    @CsvSource({"BlueSecret, blue, BlueUsername, green", "GreenSecret, green, GreenUsername, blue"})
    void eachSlotSecretIsTaggedWithItsSlotAndHoldsTheRdsSecretJson(String secret, String slot, String userParam, String peer)
            throws IOException {
        Map<String, Object> p = props(secret);
        Map<String, Object> tags = new HashMap<>();
        for (Object t : (List<?>) p.get("Tags")) {
            tags.put((String) map(t).get("Key"), map(t).get("Value"));
        }
        assertEquals(slot, tags.get("bluegreen:slot"));
        // The pair's identity the rotator checks (SlotPair): the slot's one user and the other slot's secret.
        assertEquals(ref(userParam), tags.get("bluegreen:username"));
        assertEquals(Map.of("Fn::Sub", "${AppName}/db/" + peer), tags.get("bluegreen:peer-secret"));
        assertEquals(Map.of("Fn::Sub", "${AppName}/db/" + slot), p.get("Name"),
                "secret names must be <AppName>/db/<slot>: the entrypoint's BLUEGREEN_SECRET_PREFIX relies on it");

        Map<String, Object> gen = map(p.get("GenerateSecretString"));
        assertEquals("password", gen.get("GenerateStringKey"));
        List<?> sub = (List<?>) map(gen.get("SecretStringTemplate")).get("Fn::Sub");
        String body = (String) sub.get(0);
        Object masterField = map(sub.get(1)).get("MasterArnField");
        List<Object> masterVariants = CfnYaml.alternatives(masterField);
        assertEquals(2, masterVariants.size(), "masterarn with and without an admin secret");

        Map<String, String> values = new HashMap<>(Map.of("DbEngine", "postgres", "DbHost", "db.example.internal",
                "DbPort", "5432", userParam, "app_" + slot, "DbName", "appdb"));
        for (Object variant : masterVariants) {
            String field = variant instanceof String s ? s : join(variant,
                    Map.of("MasterSecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf"));
            values.put("MasterArnField", field);
            Map<String, Object> json = JSON.std.mapFrom(substitute(body, values));
            assertEquals("postgres", json.get("engine"));
            assertEquals("db.example.internal", json.get("host"));
            assertEquals(5432, ((Number) json.get("port")).intValue(), "port is a JSON number");
            assertEquals("app_" + slot, json.get("username"));
            assertEquals("appdb", json.get("dbname"));
            DbEndpoint pinned = FunctionSettings.fromEnvironment(Map.of("DB_ENDPOINTS",
                    substitute("${DbHost}:${DbPort}/${DbName}", values))).dbEndpoints().get(0);
            assertTrue(pinned.matches((String) json.get("host"), 5432, (String) json.get("dbname")),
                    "the secrets the template writes name the endpoint it pins");
            assertFalse(json.containsKey("password"), "the password is generated, never in the template");
            if (field.isEmpty()) {
                assertFalse(json.containsKey("masterarn"));
            } else {
                assertEquals("arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf", json.get("masterarn"));
            }
        }
        // Values spliced into that JSON are restricted to characters that cannot break it.
        for (String param : List.of("DbHost", "DbName", userParam)) {
            assertTrue(parameter(param).containsKey("AllowedPattern"), param + " needs an AllowedPattern");
            assertFalse(((String) parameter(param).get("AllowedPattern")).contains("\""), param);
        }
    }

    @Test
    void pointerStartsOnAChosenSlotAndCanOnlyEverNameASlot() {
        Map<String, Object> p = props("PointerParameter");
        assertEquals("AWS::SSM::Parameter", resource("PointerParameter").get("Type"));
        assertEquals("String", p.get("Type"));
        assertEquals(ref("InitialActiveSlot"), p.get("Value"));
        assertEquals(List.of("blue", "green"), parameter("InitialActiveSlot").get("AllowedValues"));
        assertFalse(parameter("InitialActiveSlot").containsKey("Default"),
                "the initial slot depends on the deployment date: the operator must choose it");
        Pattern allowed = Pattern.compile((String) p.get("AllowedPattern"));
        assertTrue(allowed.matcher("blue").matches() && allowed.matcher("green").matches());
        for (String notASlot : List.of("", "purple", "myapp/db/blue", "blue\n")) {
            assertFalse(allowed.matcher(notASlot).matches(), notASlot);
        }
    }

    @ParameterizedTest
    @CsvSource({"BlueRotation, BlueSecret, BlueRotationSchedule, 1", "GreenRotation, GreenSecret, GreenRotationSchedule, 15"})
    void schedulesNeverRotateOnCreationAndAreHalfAMonthApart(String schedule, String secret, String param, int day) {
        assertEquals("AWS::SecretsManager::RotationSchedule", resource(schedule).get("Type"));
        Map<String, Object> p = props(schedule);
        assertEquals(Boolean.FALSE, p.get("RotateImmediatelyOnUpdate"),
                "creating the schedule must run only the configuration test, not a rotation of the active slot");
        assertEquals(ref(secret), p.get("SecretId"));
        assertEquals(ref("RotationFunction.Alias"), p.get("RotationLambdaARN"), "the alias: SnapStart runs published versions only");
        Map<String, Object> rules = map(p.get("RotationRules"));
        assertEquals(ref(param), rules.get("ScheduleExpression"));
        assertEquals(ref("RotationWindow"), rules.get("Duration"));
        assertFalse(rules.containsKey("AutomaticallyAfterDays"), "cron only: rate/days schedules drift together");

        Matcher cron = Pattern.compile("cron\\((\\d+) (\\d+) (\\d+) \\* \\? \\*\\)")
                .matcher((String) parameter(param).get("Default"));
        assertTrue(cron.matches(), "monthly cron expected: " + parameter(param).get("Default"));
        assertEquals(day, Integer.parseInt(cron.group(3)));
        int startHour = Integer.parseInt(cron.group(2));
        int window = Integer.parseInt(((String) parameter("RotationWindow").get("Default")).replace("h", ""));
        assertTrue(startHour + window <= 24, "the rotation window must not run past midnight UTC");

        // Secrets Manager checks the invoke permission when the schedule is created, and the configuration
        // test invokes the function: the log group must exist by then (an auto-created one would collide).
        assertEquals(List.of("SecretsManagerInvokePermission", "RotationFunctionLogGroup"), resource(schedule).get("DependsOn"));
    }

    @Test
    void secretsManagerMayInvokeTheFunctionOnlyFromThisAccount() {
        Map<String, Object> p = props("SecretsManagerInvokePermission");
        assertEquals("lambda:InvokeFunction", p.get("Action"));
        assertEquals("secretsmanager.amazonaws.com", p.get("Principal"));
        assertEquals(ref("AWS::AccountId"), p.get("SourceAccount"));
        assertEquals(ref("RotationFunction.Alias"), p.get("FunctionName"), "the alias the schedules invoke");
    }

    @Test
    void snapStartIsAnOptionOnPublishedVersionsBehindOneAlias() {
        Map<String, Object> fn = props("RotationFunction");
        assertEquals("live", fn.get("AutoPublishAlias"), "each deploy publishes a version and moves the alias to it");
        assertEquals(Map.of("ApplyOn", Map.of("Fn::If", List.of("UseSnapStart", "PublishedVersions", "None"))), fn.get("SnapStart"));
        assertEquals(Map.of("Fn::Equals", List.of(ref("SnapStart"), "true")), get(T, "Conditions", "UseSnapStart"));
        assertEquals(List.of("true", "false"), parameter("SnapStart").get("AllowedValues"));
        assertEquals("false", parameter("SnapStart").get("Default"),
                "off unless asked for: an uninvoked version goes Inactive after 14 days, and the slots rotate ~15 days apart");
        assertEquals("java17", fn.get("Runtime"), "a runtime SnapStart supports");
    }

    @Test
    void failedRotationsOfEitherSlotReachTheAlarmTopic() {
        assertEquals("AWS::Events::Rule", resource("RotationFailedRule").get("Type"));
        Map<String, Object> p = props("RotationFailedRule");
        assertEquals("ENABLED", p.get("State"));
        Map<String, Object> pattern = map(p.get("EventPattern"));
        assertEquals(List.of("aws.secretsmanager"), pattern.get("source"));
        assertEquals(List.of("AWS Service Event via CloudTrail"), pattern.get("detail-type"));
        Map<String, Object> detail = map(pattern.get("detail"));
        assertEquals(List.of("secretsmanager.amazonaws.com"), detail.get("eventSource"));
        assertTrue(((List<?>) detail.get("eventName")).contains("RotationFailed"));
        assertEquals(List.of(ref("BlueSecret"), ref("GreenSecret")),
                get(detail, "additionalEventData", "SecretId"));

        List<?> targets = (List<?>) p.get("Targets");
        assertEquals(1, targets.size());
        Map<String, Object> target = map(targets.get(0));
        assertEquals(ref("AlarmTopicArn"), target.get("Arn"));
        Map<String, Object> transformer = map(target.get("InputTransformer"));
        String template = (String) map(transformer.get("InputTemplate")).get("Fn::Sub");
        for (String key : map(transformer.get("InputPathsMap")).keySet()) {
            assertTrue(template.contains("<" + key + ">"), "InputTemplate uses <" + key + ">");
        }
        assertTrue(template.startsWith("\"") && template.endsWith("\""), "a string template must be a JSON string");
    }

    @Test
    void entrypointHintMatchesTheSecretNamesAndPointer() {
        String hint = (String) map(get(T, "Outputs", "EntrypointEnvironment", "Value")).get("Fn::Sub");
        assertTrue(hint.contains("BLUEGREEN_POINTER_PARAMETER=${PointerParameter}"), hint);
        assertTrue(hint.contains("BLUEGREEN_SECRET_PREFIX=${AppName}/db/"), hint);
        assertEquals(Map.of("Fn::Sub", "/bluegreen/${AppName}/active-slot"), props("PointerParameter").get("Name"));
    }

    @Test
    void everyParameterIsUsed() {
        String text = Repo.read("template.yaml");
        Set<String> unused = new LinkedHashSet<>();
        for (String name : map(T.get("Parameters")).keySet()) {
            if (!Pattern.compile("(!Ref " + name + "\\b|\\$\\{" + name + "}|Ref: " + name + "\\b)").matcher(text).find()) {
                unused.add(name);
            }
        }
        assertEquals(Set.of(), unused);
    }

    // ------------------------------------------------------------------ helpers

    private static String substitute(String template, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                fail("no value for ${" + m.group(1) + "} in " + template);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    private static String join(Object fnJoin, Map<String, String> refs) {
        List<?> parts = (List<?>) map(fnJoin).get("Fn::Join");
        StringBuilder out = new StringBuilder();
        for (Object part : (List<?>) parts.get(1)) {
            out.append(part instanceof String s ? s : refs.get((String) map(part).get("Ref")));
        }
        return out.toString();
    }
}
