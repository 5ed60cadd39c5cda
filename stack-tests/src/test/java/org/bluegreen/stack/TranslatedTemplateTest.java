package org.bluegreen.stack;

import static org.bluegreen.stack.CfnYaml.get;
import static org.bluegreen.stack.CfnYaml.map;
import static org.bluegreen.stack.CfnYaml.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * template.yaml as CloudFormation deploys it: after the real SAM transform ({@link SamTranslator}). TemplateTest
 * reads the SAM source; this reads what the transform makes of it, where AutoPublishAlias once turned into a
 * version that parameter-only updates never replaced (issue 18).
 */
class TranslatedTemplateTest {

    private static final String ACCOUNT = "123456789012";

    /** Self-service mode, every optional feature at its default. */
    static final Map<String, String> SELF_SERVICE = Map.of(
            "AppName", "orders", "DbEngine", "postgres", "DbHost", "db1.example.internal", "DbName", "appdb",
            "EcsClusterName", "main",
            "EcsServiceArns", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/main/web,arn:aws:ecs:us-east-1:"
                    + ACCOUNT + ":service/main/worker",
            "InitialActiveSlot", "blue", "VpcSubnetIds", "subnet-0123456789abcdef0",
            "VpcSecurityGroupIds", "sg-0123456789abcdef0", "AlarmTopicArn", "arn:aws:sns:us-east-1:" + ACCOUNT + ":alarms");

    /**
     * The same stack after an update that changes every part of the function's configuration the issue lists: a
     * third service, a moved DbHost and DbPort, LiveSessionCheck=warn, a CA bundle and its layer, another
     * architecture; in admin mode with the active secret.
     */
    static final Map<String, String> UPDATED = with(SELF_SERVICE, Map.of(
            "EcsServiceArns", SELF_SERVICE.get("EcsServiceArns") + ",arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/main/new",
            "DbHost", "db2.example.internal", "DbPort", "5433", "LiveSessionCheck", "warn",
            "DbCaBundlePath", "/opt/rds-ca/global-bundle.pem",
            "CaBundleLayerArn", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":layer:rds-ca:1",
            "FunctionArchitecture", "x86_64",
            "MasterSecretArn", "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:orders-admin-AbCdEf",
            "CreateActiveSecret", "true"));

    private static final Map<String, Object> FUNCTION_ARN = Map.of("Fn::GetAtt", List.of("RotationFunction", "Arn"));

    @Test
    void secretsManagerInvokesTheFunctionItselfOnJava25() {
        for (Map<String, String> parameters : List.of(SELF_SERVICE, UPDATED)) {
            Map<String, Object> resources = map(SamTranslator.translate(parameters).get("Resources"));
            Map<String, Object> fn = map(get(resources, "RotationFunction"));
            assertEquals("AWS::Lambda::Function", fn.get("Type"));
            assertEquals("java25", get(fn, "Properties", "Runtime"));
            assertEquals(Map.of(), lambdaVersionsAndAliases(resources), "nothing published, nothing to go stale");
            assertEquals(FUNCTION_ARN, get(resources, "BlueRotation", "Properties", "RotationLambdaARN"));
            assertEquals(FUNCTION_ARN, get(resources, "GreenRotation", "Properties", "RotationLambdaARN"));
            assertEquals(FUNCTION_ARN, get(resources, "SecretsManagerInvokePermission", "Properties", "FunctionName"));

            // The configuration Lambda runs is the function's own, resolved by CloudFormation at each update.
            Map<String, Object> env = map(get(fn, "Properties", "Environment", "Variables"));
            assertEquals(Map.of("Fn::Join", List.of(",", ref("EcsServiceArns"))), env.get("ECS_SERVICES"));
            assertEquals(ref("DbEngine"), env.get("DB_ENGINE"));
            assertEquals(Map.of("Fn::Sub", "${DbHost}:${DbPort}/${DbName}"), env.get("DB_ENDPOINTS"));
        }
    }

    @Test
    void translatedSecretsAreRetainedAndGeneratedFromAConstant() {
        Map<String, Object> resources = map(SamTranslator.translate(UPDATED).get("Resources"));
        for (String secret : List.of("BlueSecret", "GreenSecret", "ActiveSecret")) {
            Map<String, Object> r = map(get(resources, secret));
            assertEquals("AWS::SecretsManager::Secret", r.get("Type"));
            assertEquals("Retain", r.get("DeletionPolicy"), secret);
            assertEquals("Retain", r.get("UpdateReplacePolicy"), secret);
            Object generate = get(r, "Properties", "GenerateSecretString");
            assertEquals(List.of(), CfnYaml.intrinsicsIn(generate),
                    secret + ": a parameter in GenerateSecretString would regenerate the password on update");
        }
    }

    /**
     * The update case of issue 18, as the transform sees it: the translation of the updated parameters leaves
     * what the schedules and the permission name unchanged (the function's ARN, which the update does not
     * replace), and creates no resource the first one lacks, so the update changes the function in place and the
     * next invocation runs its new configuration.
     */
    @Test
    void anUpdateOfTheParametersChangesNothingTheSchedulesPointAt() {
        Map<String, Object> before = map(SamTranslator.translate(SELF_SERVICE).get("Resources"));
        Map<String, Object> after = map(SamTranslator.translate(UPDATED).get("Resources"));
        assertEquals(targets(before), targets(after));
        assertEquals(new TreeMap<>(types(before)), new TreeMap<>(types(after)),
                "the same logical resources: no version or alias whose id would depend on the parameters");
        assertEquals(get(before, "RotationFunction", "Properties"), get(after, "RotationFunction", "Properties"),
                "the function's properties are the template's expressions, resolved by CloudFormation at each update");
        assertTrue(targets(after).values().stream().allMatch(FUNCTION_ARN::equals), targets(after).toString());
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> targets(Map<String, Object> resources) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("BlueRotation", get(resources, "BlueRotation", "Properties", "RotationLambdaARN"));
        out.put("GreenRotation", get(resources, "GreenRotation", "Properties", "RotationLambdaARN"));
        out.put("SecretsManagerInvokePermission",
                get(resources, "SecretsManagerInvokePermission", "Properties", "FunctionName"));
        return out;
    }

    private static Map<String, Object> types(Map<String, Object> resources) {
        Map<String, Object> out = new LinkedHashMap<>();
        resources.forEach((id, r) -> out.put(id, map(r).get("Type")));
        return out;
    }

    private static Map<String, Object> lambdaVersionsAndAliases(Map<String, Object> resources) {
        Map<String, Object> out = new LinkedHashMap<>();
        types(resources).forEach((id, type) -> {
            if ("AWS::Lambda::Version".equals(type) || "AWS::Lambda::Alias".equals(type)) {
                out.put(id, type);
            }
        });
        return out;
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.putAll(changes);
        return Map.copyOf(out);
    }
}
