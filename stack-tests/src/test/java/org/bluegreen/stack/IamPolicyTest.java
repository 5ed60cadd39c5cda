package org.bluegreen.stack;

import static org.bluegreen.stack.CfnYaml.get;
import static org.bluegreen.stack.CfnYaml.map;
import static org.bluegreen.stack.CfnYaml.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked on the template text: the rotation role grants exactly
 * the actions real rotations call ({@link RotatorIamActions#recorded()}), each action only on the resources it is meant for, under every
 * combination of the template's Conditions (both branches of each Fn::If are counted).
 */
class IamPolicyTest {

    private static final Map<String, Object> T = CfnYaml.loadTemplate();

    private static final Object BLUE = ref("BlueSecret");
    private static final Object GREEN = ref("GreenSecret");
    private static final Object ACTIVE = ref("ActiveSecret");
    private static final Object MASTER = ref("MasterSecretArn");
    private static final Object POINTER_ARN = Map.of("Fn::Sub",
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${PointerParameter}");
    private static final Object SERVICES = ref("EcsServiceArns");
    private static final Object SECRETS_KEY = ref("SecretsKmsKeyArn");
    private static final Object MASTER_KEY = ref("MasterSecretKmsKeyArn");

    /** Statements of the role's inline policies, with every Fn::If branch. */
    private static List<Map<String, Object>> rotatorStatements() {
        Map<String, Object> role = map(get(T, "Resources", "RotationFunctionRole", "Properties"));
        List<?> policies = (List<?>) role.get("Policies");
        assertEquals(1, policies.size(), "one inline policy: the API calls the code makes");
        assertEquals("rotator-api-calls", map(policies.get(0)).get("PolicyName"));
        return statements(map(policies.get(0)).get("PolicyDocument"));
    }

    private static List<Map<String, Object>> statements(Object document) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object s : CfnYaml.items(map(document).get("Statement"))) {
            out.add(map(s));
        }
        return out;
    }

    /** action -> every resource (as written in the template) it is granted on. */
    private static Map<String, Set<Object>> grants(List<Map<String, Object>> statements) {
        Map<String, Set<Object>> grants = new LinkedHashMap<>();
        for (Map<String, Object> s : statements) {
            assertEquals("Allow", s.get("Effect"), "only Allow statements: " + s.get("Sid"));
            assertFalse(s.containsKey("NotAction") || s.containsKey("NotResource"), "no Not* in " + s.get("Sid"));
            for (Object action : CfnYaml.items(s.get("Action"))) {
                assertFalse(((String) action).contains("*"), "no wildcard actions: " + action);
                grants.computeIfAbsent((String) action, a -> new LinkedHashSet<>())
                        .addAll(CfnYaml.items(s.get("Resource")));
            }
        }
        return grants;
    }

    @Test
    void rotationRoleGrantsExactlyTheActionsRotationsCall() throws Exception {
        Set<String> granted = new TreeSet<>(grants(rotatorStatements()).keySet());
        assertEquals(RotatorIamActions.recorded(), granted);
    }

    @Test
    void eachActionOnlyOnItsOwnResources() {
        Map<String, Set<Object>> g = grants(rotatorStatements());
        assertEquals(Set.of(BLUE, GREEN), g.get("secretsmanager:DescribeSecret"));
        assertEquals(Set.of(BLUE, GREEN, MASTER), g.get("secretsmanager:GetSecretValue"), "the active copy is only written");
        assertEquals(Set.of(BLUE, GREEN, ACTIVE), g.get("secretsmanager:PutSecretValue"));
        assertEquals(Set.of(BLUE, GREEN), g.get("secretsmanager:UpdateSecretVersionStage"),
                "labels move only on the two slot secrets");
        assertEquals(Set.of("*"), g.get("secretsmanager:GetRandomPassword"), "GetRandomPassword has no resource");
        assertEquals(Set.of(POINTER_ARN), g.get("ssm:GetParameter"));
        assertEquals(Set.of(POINTER_ARN), g.get("ssm:PutParameter"));
        assertEquals(Set.of(SERVICES), g.get("ecs:DescribeServices"));
        assertEquals(Set.of(SERVICES), g.get("ecs:UpdateService"));
        assertEquals(Set.of(SECRETS_KEY, MASTER_KEY), g.get("kms:Decrypt"));
        assertEquals(Set.of(SECRETS_KEY), g.get("kms:GenerateDataKey"), "only the secrets we write are encrypted");
        for (Map.Entry<String, Set<Object>> e : g.entrySet()) {
            if (!e.getKey().equals("secretsmanager:GetRandomPassword")) {
                assertFalse(e.getValue().contains("*"), e.getKey() + " on *");
            }
        }
        assertEquals("CommaDelimitedList", map(get(T, "Parameters", "EcsServiceArns")).get("Type"),
                "service ARNs, so the policy names exactly these services");
    }

    @Test
    void kmsOnlyThroughSecretsManagerAndOnlyWhenTheKeyIsConfigured() {
        for (Map<String, Object> s : rotatorStatements()) {
            if (CfnYaml.items(s.get("Action")).stream().anyMatch(a -> ((String) a).startsWith("kms:"))) {
                assertEquals(Map.of("Fn::Sub", "secretsmanager.${AWS::Region}.amazonaws.com"),
                        get(s, "Condition", "StringEquals", "kms:ViaService"), String.valueOf(s.get("Sid")));
            }
        }
        // Each KMS statement sits in an Fn::If on its key parameter: no key configured, no KMS permission.
        Map<String, Object> role = map(get(T, "Resources", "RotationFunctionRole", "Properties"));
        Object document = map(((List<?>) role.get("Policies")).get(0)).get("PolicyDocument");
        int guarded = 0;
        for (Object entry : (List<?>) map(document).get("Statement")) {
            if (String.valueOf(entry).contains("kms:")) {
                assertTrue(entry instanceof Map<?, ?> m && m.containsKey("Fn::If"), "KMS statement not conditional: " + entry);
                guarded++;
            }
        }
        assertEquals(2, guarded, "one for the secrets' key, one for the admin secret's key");
    }

    @Test
    void theRoleHasOnlyTheLambdaVpcPlumbingBesides() {
        Map<String, Object> role = map(get(T, "Resources", "RotationFunctionRole", "Properties"));
        assertEquals(List.of(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole")),
                role.get("ManagedPolicyArns"), "logs + ENIs for the Lambda service; nothing our code calls");
        Map<String, Object> trust = map(get(role, "AssumeRolePolicyDocument"));
        Map<String, Object> only = map(((List<?>) trust.get("Statement")).get(0));
        assertEquals(Map.of("Service", "lambda.amazonaws.com"), only.get("Principal"));
        assertEquals("sts:AssumeRole", only.get("Action"));
        assertFalse(map(get(T, "Resources", "RotationFunction", "Properties")).containsKey("Policies"),
                "no SAM policy templates: they would add actions this test does not see");
    }

    @Test
    void appPolicyIsReadOnly() {
        Map<String, Set<Object>> g = grants(statements(
                get(T, "Resources", "AppCredentialsReadPolicy", "Properties", "PolicyDocument")));
        assertEquals(Set.of("ssm:GetParameter", "secretsmanager:GetSecretValue", "kms:Decrypt"), g.keySet());
        assertEquals(Set.of(POINTER_ARN), g.get("ssm:GetParameter"));
        assertEquals(Set.of(BLUE, GREEN, ACTIVE), g.get("secretsmanager:GetSecretValue"),
                "never the admin secret");
        assertEquals(Set.of(SECRETS_KEY), g.get("kms:Decrypt"));
    }
}
