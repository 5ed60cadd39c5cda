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

    /**
     * Everything the function reads from its environment (README "Function environment"). DB_ENGINE and
     * MASTER_SECRET_ARN carry the connection fields a new slot secret lacks (the template generates only its
     * password): the stack configuration `bluegreen bootstrap` completes the secret from.
     */
    private static final Set<String> FUNCTION_ENVIRONMENT = Set.of("POINTER_PARAMETER", "ECS_CLUSTER",
            "ECS_SERVICES", "PASSWORD_LENGTH", "EXCLUDE_CHARACTERS", "LIVE_SESSION_CHECK", "ACTIVE_SECRET",
            "DB_CA_BUNDLE", "DB_ENDPOINTS", "DB_ENGINE", "MASTER_SECRET_ARN");

    /** What Secrets Manager invokes: the function itself, never a version or alias of it. */
    private static final Map<String, Object> FUNCTION_ARN = Map.of("Fn::GetAtt", List.of("RotationFunction", "Arn"));

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
        assertEquals("java25", fn.get("Runtime"), "Amazon Linux 2023, supported to 2029 (docs/deployment.md)");
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
        for (String optional : List.of("EXCLUDE_CHARACTERS", "ACTIVE_SECRET", "DB_CA_BUNDLE", "MASTER_SECRET_ARN")) {
            assertTrue(CfnYaml.alternatives(vars.get(optional)).size() == 1
                    && CfnYaml.isNoValue(((List<?>) map(vars.get(optional)).get("Fn::If")).get(2)),
                    optional + " must be !If [..., value, !Ref AWS::NoValue]");
        }
        assertEquals(List.of("fail", "warn"), parameter("LiveSessionCheck").get("AllowedValues"));
        assertEquals(Map.of("Fn::Sub", "${DbHost}:${DbPort}/${DbName}"), vars.get("DB_ENDPOINTS"),
                "the function sends passwords only to the database the secrets are made for");
        assertEquals(ref("DbEngine"), vars.get("DB_ENGINE"));
        assertEquals(Map.of("Fn::If", List.of("HasMasterSecret", ref("MasterSecretArn"), ref("AWS::NoValue"))),
                vars.get("MASTER_SECRET_ARN"), "admin mode only: self-service has no admin secret to name");

        // The values spliced into DB_ENDPOINTS come out of the rotator's own parser as they went in, and the
        // parameters cannot hold the characters that separate its parts.
        Map<String, String> values = Map.of("DbHost", "db.example.internal", "DbPort", "5432", "DbName", "appdb");
        DbEndpoint pinned = FunctionSettings.fromEnvironment(Map.of("DB_ENDPOINTS",
                substitute("${DbHost}:${DbPort}/${DbName}", values))).dbEndpoints().get(0);
        assertTrue(pinned.matches("db.example.internal", 5432, "appdb"), pinned.toString());
        for (String param : List.of("DbHost", "DbName")) {
            Pattern allowed = Pattern.compile((String) parameter(param).get("AllowedPattern"));
            for (String separator : List.of(",", ":", "/", " ")) {
                assertFalse(allowed.matcher("a" + separator + "b").find(), param + " must not allow '" + separator + "'");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"BlueSecret, blue, BlueUsername, green", "GreenSecret, green, GreenUsername, blue"})
    void eachSlotSecretIsTaggedWithItsSlotAndItsPair(String secret, String slot, String userParam, String peer) {
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
    }

    /**
     * The secrets the app reads outlive the stack and every update of it: retained on delete and on replacement
     * (a new AppName renames them), and generated from a constant, because CloudFormation generates a new value
     * whenever GenerateSecretString changes (cloudformation-coverage-roadmap #1161, #2210).
     */
    @ParameterizedTest
    @CsvSource({"BlueSecret", "GreenSecret", "ActiveSecret"})
    void secretsSurviveStackDeleteReplacementAndEveryUpdate(String secret) throws IOException {
        Map<String, Object> r = resource(secret);
        assertEquals("Retain", r.get("DeletionPolicy"), secret);
        assertEquals("Retain", r.get("UpdateReplacePolicy"), secret);
        Map<String, Object> gen = map(map(r.get("Properties")).get("GenerateSecretString"));
        assertEquals(List.of(), CfnYaml.intrinsicsIn(gen), secret + ": no parameter may reach GenerateSecretString");
        assertEquals("password", gen.get("GenerateStringKey"));
        Map<String, Object> json = JSON.std.mapFrom((String) gen.get("SecretStringTemplate"));
        assertFalse(json.containsKey("password"), "the password is generated, never in the template");
        assertEquals(Boolean.TRUE, gen.get("ExcludePunctuation"), "easy to paste in the self-service bootstrap");
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
        assertEquals(FUNCTION_ARN, p.get("RotationLambdaARN"), "the function, so every update takes effect at once");
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
        assertEquals(FUNCTION_ARN, p.get("FunctionName"), "what the schedules invoke");
    }

    /**
     * No published version anywhere: SAM publishes one only when the code or a literal property changes, so a
     * parameter-only update would never reach an alias (docs/deployment.md, "Which updates take effect when").
     */
    @Test
    void noVersionOrAliasStandsBetweenSecretsManagerAndTheFunction() {
        Map<String, Object> fn = props("RotationFunction");
        assertFalse(fn.containsKey("AutoPublishAlias"), "schedules invoke the unqualified function");
        assertFalse(fn.containsKey("SnapStart"), "SnapStart runs published versions only");
        assertFalse(map(T.get("Parameters")).containsKey("SnapStart"));
        String text = Repo.read("template.yaml");
        for (String qualified : List.of("RotationFunction.Alias", "RotationFunction.Version", "AWS::Lambda::Version",
                "AWS::Lambda::Alias")) {
            assertFalse(text.contains(qualified), qualified);
        }
        assertEquals(FUNCTION_ARN, get(T, "Outputs", "RotationFunctionArn", "Value"));
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
}
