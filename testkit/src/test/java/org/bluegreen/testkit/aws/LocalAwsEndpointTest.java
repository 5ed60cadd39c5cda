package org.bluegreen.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;

/**
 * Real SDK clients (the SDK's default HTTP client, signing with dummy credentials) against the endpoint serving
 * the fakes: every operation the fakes implement answers over HTTP exactly what the fake answers in-process, and
 * errors come back as the same exception types with the same codes and messages.
 */
class LocalAwsEndpointTest {

    /** Not on a whole second, so the timestamps' fractions cross the wire too. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.250Z"));
    private final FakeSecretsManager fakeSecrets = new FakeSecretsManager(clock);
    private final FakeSsm fakeSsm = new FakeSsm(clock);
    private final FakeEcs fakeEcs = new FakeEcs(clock);
    private final LocalAwsEndpoint aws = new LocalAwsEndpoint(fakeSecrets, fakeSsm, fakeEcs);
    private final SecretsManagerClient secrets = client(SecretsManagerClient.builder());
    private final SsmClient ssm = client(SsmClient.builder());
    private final EcsClient ecs = client(EcsClient.builder());

    private <C> C client(AwsClientBuilder<?, C> builder) {
        return builder.endpointOverride(aws.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
    }

    @AfterEach
    void close() {
        secrets.close();
        ssm.close();
        ecs.close();
        aws.close();
    }

    @Test
    void urlIsLoopbackOnTheChosenPort() {
        assertTrue(aws.port() > 0);
        assertEquals("http://127.0.0.1:" + aws.port(), aws.url().toString());
        assertEquals(aws.url().toString(), aws.environment().get("AWS_ENDPOINT_URL"));
    }

    // ---------------------------------------------------------------- Secrets Manager

    @Test
    void secretsManagerOperations() {
        String arn = secrets.createSecret(b -> b.name("app/db").secretString("{\"password\":\"one\"}").description("app")
                .tags(Tag.builder().key("bluegreen:slot").value("blue").build())).arn();
        assertTrue(arn.startsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-"));
        fakeSecrets.enableRotation(arn, "arn:aws:lambda:us-east-1:123456789012:function:f", "rate(30 days)");
        clock.advance(Duration.ofSeconds(10));

        DescribeSecretRequest describe = DescribeSecretRequest.builder().secretId(arn).build();
        var described = secrets.describeSecret(describe);
        assertSameFields(fakeSecrets.describeSecret(describe), described);
        assertEquals(List.of(Tag.builder().key("bluegreen:slot").value("blue").build()), described.tags());
        assertTrue(described.rotationEnabled());
        assertEquals(Instant.parse("2026-01-01T00:00:00.250Z"), described.createdDate());
        String first = described.versionIdsToStages().keySet().iterator().next();
        assertEquals(Map.of(first, List.of("AWSCURRENT")), described.versionIdsToStages());

        var current = secrets.getSecretValue(b -> b.secretId("app/db"));
        assertSameFields(fakeSecrets.getSecretValue(GetSecretValueRequest.builder().secretId("app/db").build()), current);
        assertEquals("{\"password\":\"one\"}", current.secretString());
        assertEquals(Instant.parse("2026-01-01T00:00:00.250Z"), current.createdDate());

        String token = "11111111-2222-3333-4444-555555555555";
        var put = secrets.putSecretValue(b -> b.secretId(arn).clientRequestToken(token).secretString("{\"password\":\"two\"}")
                .versionStages("AWSPENDING").rotationToken("rotation-token"));
        assertEquals(List.of("AWSPENDING"), put.versionStages());
        assertEquals("rotation-token", fakeSecrets.lastRotationTokenSeen());
        assertEquals("{\"password\":\"two\"}",
                secrets.getSecretValue(b -> b.secretId(arn).versionId(token).versionStage("AWSPENDING")).secretString());

        secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSCURRENT").moveToVersionId(token).removeFromVersionId(first));
        assertEquals(Map.of(first, List.of("AWSPREVIOUS"), token, List.of("AWSPENDING", "AWSCURRENT")), fakeSecrets.versionStages(arn));
        ListSecretVersionIdsRequest list = ListSecretVersionIdsRequest.builder().secretId(arn).includeDeprecated(true).build();
        assertSameFields(fakeSecrets.listSecretVersionIds(list), secrets.listSecretVersionIds(list));

        String password = secrets.getRandomPassword(b -> b.passwordLength(40L).excludeCharacters("abc").requireEachIncludedType(true))
                .randomPassword();
        assertEquals(40, password.length());
        assertFalse(password.matches(".*[abc].*"));

        secrets.tagResource(b -> b.secretId(arn).tags(Tag.builder().key("team").value("db").build()));
        secrets.untagResource(b -> b.secretId(arn).tagKeys("bluegreen:slot"));
        assertEquals(List.of(Tag.builder().key("team").value("db").build()), secrets.describeSecret(describe).tags());

        secrets.cancelRotateSecret(b -> b.secretId(arn));
        assertFalse(secrets.describeSecret(describe).rotationEnabled());
    }

    @Test
    void rotateSecretRunsAFunctionThatCallsBackOverHttp() {
        String arn = fakeSecrets.createSecret("app/db", "v1");
        // The rotation function talks to the endpoint while the RotateSecret request is still being served.
        fakeSecrets.setRotationFunction(event -> {
            String token = event.get("ClientRequestToken");
            switch (event.get("Step")) {
                case "createSecret" -> secrets.putSecretValue(b -> b.secretId(arn).clientRequestToken(token)
                        .secretString("v2").versionStages("AWSPENDING").rotationToken(event.get("RotationToken")));
                case "finishSecret" -> {
                    String current = secrets.getSecretValue(b -> b.secretId(arn)).versionId();
                    secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSCURRENT")
                            .moveToVersionId(token).removeFromVersionId(current));
                }
                default -> { }
            }
        });
        String token = secrets.rotateSecret(b -> b.secretId(arn).rotationLambdaARN("arn:aws:lambda:us-east-1:123456789012:function:f"))
                .versionId();
        assertEquals("v2", secrets.getSecretValue(b -> b.secretId(arn)).secretString());
        assertEquals(token, secrets.getSecretValue(b -> b.secretId(arn)).versionId());
    }

    @Test
    void secretsManagerErrors() {
        String arn = fakeSecrets.createSecret("app/db", "v1");
        secrets.putSecretValue(b -> b.secretId(arn).clientRequestToken("22222222-2222-2222-2222-222222222222").secretString("v2"));

        assertError(ResourceNotFoundException.class, "ResourceNotFoundException",
                () -> fakeSecrets.getSecretValue(b -> b.secretId("nope")), () -> secrets.getSecretValue(b -> b.secretId("nope")));
        assertError(ResourceExistsException.class, "ResourceExistsException",
                () -> fakeSecrets.putSecretValue(b -> b.secretId(arn).clientRequestToken("22222222-2222-2222-2222-222222222222").secretString("v3")),
                () -> secrets.putSecretValue(b -> b.secretId(arn).clientRequestToken("22222222-2222-2222-2222-222222222222").secretString("v3")));
        assertError(InvalidParameterException.class, "InvalidParameterException",
                () -> fakeSecrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSCURRENT")),
                () -> secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSCURRENT")));
        assertError(InvalidRequestException.class, "InvalidRequestException",
                () -> fakeSecrets.rotateSecret(b -> b.secretId(arn)), () -> secrets.rotateSecret(b -> b.secretId(arn)));
    }

    // ---------------------------------------------------------------- SSM

    @Test
    void ssmOperations() {
        assertEquals(1L, ssm.putParameter(b -> b.name("/app/active").value("green").type(ParameterType.STRING)).version());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(2L, ssm.putParameter(b -> b.name("/app/active").value("blue").overwrite(true)).version());

        GetParameterRequest get = GetParameterRequest.builder().name("/app/active").build();
        Parameter p = ssm.getParameter(get).parameter();
        assertEquals(fakeSsm.getParameter(get).parameter(), p);
        assertEquals("/app/active", p.name());
        assertEquals(ParameterType.STRING, p.type());
        assertEquals("blue", p.value());
        assertEquals(2L, p.version());
        assertEquals(Instant.parse("2026-01-01T00:05:00.250Z"), p.lastModifiedDate());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/app/active", p.arn());
        assertEquals("green", ssm.getParameter(b -> b.name("/app/active:1")).parameter().value());

        GetParameterHistoryRequest history = GetParameterHistoryRequest.builder().name("/app/active").build();
        assertEquals(fakeSsm.getParameterHistory(history).parameters(), ssm.getParameterHistory(history).parameters());
    }

    @Test
    void ssmErrors() {
        fakeSsm.putParameter(b -> b.name("/app/active").value("green").type(ParameterType.STRING));
        assertError(ParameterNotFoundException.class, "ParameterNotFound",
                () -> fakeSsm.getParameter(b -> b.name("/nope")), () -> ssm.getParameter(b -> b.name("/nope")));
        assertError(ParameterAlreadyExistsException.class, "ParameterAlreadyExists",
                () -> fakeSsm.putParameter(b -> b.name("/app/active").value("x")), () -> ssm.putParameter(b -> b.name("/app/active").value("x")));
        assertError(ParameterVersionNotFoundException.class, "ParameterVersionNotFound",
                () -> fakeSsm.getParameter(b -> b.name("/app/active:7")), () -> ssm.getParameter(b -> b.name("/app/active:7")));
    }

    // ---------------------------------------------------------------- ECS

    @Test
    void ecsOperations() {
        fakeEcs.createService("prod", "web", 2);
        fakeEcs.createService("prod", "legacy", 1, false);
        clock.advance(Duration.ofHours(1));

        DescribeServicesRequest describe = DescribeServicesRequest.builder().cluster("prod").services("web", "legacy", "ghost").build();
        var described = ecs.describeServices(describe);
        assertSameFields(fakeEcs.describeServices(describe), described);
        assertEquals(List.of("web", "legacy"), described.services().stream().map(s -> s.serviceName()).toList());
        assertEquals(DeploymentRolloutState.COMPLETED, described.services().get(0).deployments().get(0).rolloutState());
        assertEquals(null, described.services().get(1).deployments().get(0).rolloutState());
        assertEquals("MISSING", described.failures().get(0).reason());
        assertEquals(FakeEcs.serviceArn("prod", "ghost"), described.failures().get(0).arn());

        var updated = ecs.updateService(b -> b.cluster("prod").service("web").forceNewDeployment(true)).service();
        assertEquals(fakeEcs.deployments("prod", "web"), updated.deployments());
        Deployment newest = updated.deployments().get(0);
        assertEquals("PRIMARY", newest.status());
        assertEquals(DeploymentRolloutState.IN_PROGRESS, newest.rolloutState());
        assertEquals(Instant.parse("2026-01-01T01:00:00.250Z"), newest.createdAt());
        assertEquals(0, newest.runningCount());
        assertEquals(2, newest.desiredCount());
        assertEquals("ACTIVE", updated.deployments().get(1).status());
    }

    @Test
    void ecsErrors() {
        fakeEcs.createService("prod", "web", 2);
        assertError(ClusterNotFoundException.class, "ClusterNotFoundException",
                () -> fakeEcs.describeServices(b -> b.cluster("nope").services("web")), () -> ecs.describeServices(b -> b.cluster("nope").services("web")));
        assertError(ServiceNotFoundException.class, "ServiceNotFoundException",
                () -> fakeEcs.updateService(b -> b.cluster("prod").service("nope")), () -> ecs.updateService(b -> b.cluster("prod").service("nope")));
        List<String> eleven = Collections.nCopies(11, "web");
        assertError(software.amazon.awssdk.services.ecs.model.InvalidParameterException.class, "InvalidParameterException",
                () -> fakeEcs.describeServices(b -> b.cluster("prod").services(eleven)), () -> ecs.describeServices(b -> b.cluster("prod").services(eleven)));
    }

    // ---------------------------------------------------------------- the wire itself

    @Test
    void wireShapesFollowTheApiReference() throws Exception {
        String arn = secrets.createSecret(b -> b.name("app/db").secretString("s3cret")
                .tags(Tag.builder().key("k").value("v").build())).arn();
        Map<String, Object> value = post("secretsmanager.GetSecretValue", "{\"SecretId\":\"" + arn + "\"}", 200);
        assertEquals("s3cret", value.get("SecretString"));
        assertEquals(List.of("AWSCURRENT"), value.get("VersionStages"));
        assertEquals(0, new BigDecimal("1767225600.25").compareTo(new BigDecimal(value.get("CreatedDate").toString())));
        Map<String, Object> described = post("secretsmanager.DescribeSecret", "{\"SecretId\":\"app/db\"}", 200);
        assertEquals(List.of(Map.of("Key", "k", "Value", "v")), described.get("Tags"));
        assertEquals(false, described.get("RotationEnabled"));
        assertEquals(List.of(List.of("AWSCURRENT")), List.copyOf(((Map<?, ?>) described.get("VersionIdsToStages")).values()));

        ssm.putParameter(b -> b.name("/p").value("green").type(ParameterType.STRING));
        Map<?, ?> parameter = (Map<?, ?>) post("AmazonSSM.GetParameter", "{\"Name\":\"/p\"}", 200).get("Parameter");
        assertEquals(Map.of("Name", "/p", "Type", "String", "Value", "green", "Version", 1, "ARN", FakeSsm.arn("/p")),
                Map.of("Name", parameter.get("Name"), "Type", parameter.get("Type"), "Value", parameter.get("Value"),
                        "Version", parameter.get("Version"), "ARN", parameter.get("ARN")));
        assertTrue(parameter.get("LastModifiedDate") instanceof Number);

        fakeEcs.createService("prod", "web", 2);
        Map<String, Object> services = post("AmazonEC2ContainerServiceV20141113.DescribeServices",
                "{\"cluster\":\"prod\",\"services\":[\"web\",\"ghost\"]}", 200);
        Map<?, ?> deployment = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) services.get("services")).get(0)).get("deployments")).get(0);
        assertEquals(List.of("PRIMARY", "COMPLETED", 2, 2), List.of(deployment.get("status"), deployment.get("rolloutState"),
                deployment.get("runningCount"), deployment.get("desiredCount")));
        assertTrue(deployment.get("id").toString().startsWith("ecs-svc/"));
        assertTrue(deployment.get("createdAt") instanceof Number);
        assertEquals(List.of(Map.of("arn", FakeEcs.serviceArn("prod", "ghost"), "reason", "MISSING")), services.get("failures"));

        assertEquals(Map.of("__type", "ParameterNotFound", "message", "Parameter /nope not found."),
                post("AmazonSSM.GetParameter", "{\"Name\":\"/nope\"}", 400));
    }

    @Test
    void unknownOperationsBadBodiesAndInternalFailures() throws Exception {
        var e = assertThrows(SecretsManagerException.class, () -> secrets.deleteSecret(b -> b.secretId("x")));
        assertEquals("UnknownOperationException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("UnknownOperationException", post("AmazonSSM.NoSuchOperation", "{}", 400).get("__type"));
        assertEquals("UnknownOperationException", post("NoSuchService.GetParameter", "{}", 400).get("__type"));
        assertEquals("SerializationException", post("AmazonSSM.GetParameter", "{\"Name\":5}", 400).get("__type"));
        assertEquals("SerializationException", post("AmazonSSM.GetParameter", "not json", 400).get("__type"));

        fakeSsm.putParameter(b -> b.name("/p").value("green").type(ParameterType.STRING));
        fakeSsm.failNextCall("GetParameter", new IllegalStateException("injected"));
        assertEquals(Map.of("__type", "InternalFailure", "message", "IllegalStateException: injected"),
                post("AmazonSSM.GetParameter", "{\"Name\":\"/p\"}", 500));
        // An SDK client retries a 500, so a one-off injected fault is absorbed, as AWS's own 500s usually are.
        fakeSsm.failNextCall("GetParameter", new IllegalStateException("injected"));
        fakeSsm.clearCalls();
        assertEquals("green", ssm.getParameter(b -> b.name("/p")).parameter().value());
        assertEquals(List.of("GetParameter", "GetParameter"), fakeSsm.calls());
    }

    // ---------------------------------------------------------------- helpers

    /** Responses' own equals() also compares the HTTP response, which only one of them has. */
    private static void assertSameFields(SdkPojo expected, SdkPojo actual) {
        assertTrue(expected.equalsBySdkFields(actual), () -> "expected " + expected + " but got " + actual);
    }

    /** The fake's own exception and the one the SDK client rethrows agree on type, status, code and message. */
    private static void assertError(Class<? extends AwsServiceException> type, String code, Runnable direct, Runnable overHttp) {
        AwsServiceException expected = assertThrows(type, direct::run);
        AwsServiceException actual = assertThrows(type, overHttp::run);
        assertEquals(400, actual.statusCode());
        assertEquals(code, actual.awsErrorDetails().errorCode());
        assertEquals(expected.awsErrorDetails().errorMessage(), actual.awsErrorDetails().errorMessage());
    }

    private Map<String, Object> post(String target, String body, int expectedStatus) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(aws.url())
                        .header("X-Amz-Target", target)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(expectedStatus, response.statusCode(), () -> new String(response.body()));
        assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElse(null));
        return JSON.std.mapFrom(response.body());
    }
}
