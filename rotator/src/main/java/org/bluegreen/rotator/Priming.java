package org.bluegreen.rotator;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.rotator.secret.DbSecret;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What SnapStart's snapshot should hold so that a restored step starts warm: the real SDK clients built (their
 * service classes loaded, errors registered, endpoint rules ready), every AWS call the steps make run once through
 * the SDK's whole request path (marshalling, signing, retries, unmarshalling, a modelled error) against an in-memory
 * HTTP client, the JDBC drivers loaded, and the JSON of events, secrets and log lines.
 *
 * <p>Nothing here reaches AWS or a database, and the snapshot keeps nothing that must be fresh or unique per
 * execution environment: the real clients resolve credentials at their first call (after the restore), no
 * connection is opened, and generated passwords come from Secrets Manager's GetRandomPassword. The one random state
 * is the TLS context the SDK's HTTP client builds with its client: the JDK's default SecureRandom, NativePRNG on
 * Linux, which mixes fresh {@code /dev/urandom} bytes into every output (docs/deployment.md, "SnapStart").
 */
final class Priming {

    /** The dummy credentials sign requests that never leave this process. */
    private static final StaticCredentialsProvider NO_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private Priming() {
    }

    static void prime(AwsClients clients) {
        clients.secretsManager();
        clients.ssm();
        clients.ecs();
        callEachOperationOffline();
        loadDrivers();
        JsonLog discard = new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC(), new Redactor());
        try {
            JSON.std.mapFrom("{\"Step\":\"testSecret\",\"SecretId\":\"priming\",\"ClientRequestToken\":\"priming\"}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        DbSecret sample = DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"priming.invalid\",\"port\":5432,"
                + "\"username\":\"priming\",\"password\":\"priming\",\"dbname\":\"priming\"}", "priming");
        discard.info("priming").with("secret", sample.username()).with("durationMs", 0).write();
    }

    /** The operations the steps call, in the order a rotation makes them, each answered by {@link OfflineHttp}. */
    private static void callEachOperationOffline() {
        OfflineHttp http = new OfflineHttp();
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build();
        try (SecretsManagerClient sm = SecretsManagerClient.builder().httpClient(http).overrideConfiguration(retries)
                     .region(Region.US_EAST_1).credentialsProvider(NO_CREDENTIALS).build();
             SsmClient ssm = SsmClient.builder().httpClient(http).overrideConfiguration(retries)
                     .region(Region.US_EAST_1).credentialsProvider(NO_CREDENTIALS).build();
             EcsClient ecs = EcsClient.builder().httpClient(http).overrideConfiguration(retries)
                     .region(Region.US_EAST_1).credentialsProvider(NO_CREDENTIALS).build()) {
            sm.describeSecret(b -> b.secretId("priming"));
            sm.getSecretValue(b -> b.secretId("priming").versionStage("AWSCURRENT"));
            http.nextIsNotFound = true;
            try {
                sm.getSecretValue(b -> b.secretId("priming").versionId("priming").versionStage("AWSPENDING"));
            } catch (ResourceNotFoundException expected) {
                // what createSecret sees before the pending version has a value
            }
            ssm.getParameter(b -> b.name("priming"));
            ecs.describeServices(b -> b.cluster("priming").services(List.of("priming")));
            sm.getRandomPassword(b -> b.passwordLength(32L).excludeCharacters("").requireEachIncludedType(true));
            sm.putSecretValue(b -> b.secretId("priming").clientRequestToken("priming").secretString("{}")
                    .versionStages(List.of("AWSPENDING")));
            sm.updateSecretVersionStage(b -> b.secretId("priming").versionStage("AWSCURRENT").moveToVersionId("priming"));
            ssm.putParameter(b -> b.name("priming").value("priming").overwrite(true));
            ecs.updateService(b -> b.cluster("priming").service("priming").forceNewDeployment(true));
        }
        if (http.requests.isEmpty()) {
            throw new IllegalStateException("priming made no request through the SDK");
        }
    }

    private static void loadDrivers() {
        try {
            org.postgresql.Driver.parseURL("jdbc:postgresql://priming.invalid:5432/priming", new Properties());
            new org.postgresql.Driver().acceptsURL("jdbc:postgresql://priming.invalid:5432/priming");
            new com.mysql.cj.jdbc.Driver().acceptsURL("jdbc:mysql://priming.invalid:3306/priming");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An HTTP client that answers every request in memory with an empty JSON object (or, once asked, with Secrets
     * Manager's not-found error), so the SDK runs its whole request path without a network.
     */
    static final class OfflineHttp implements SdkHttpClient {
        final List<String> requests = new ArrayList<>();
        boolean nextIsNotFound;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.add(request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("?"));
            boolean notFound = nextIsNotFound;
            nextIsNotFound = false;
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    String body = notFound ? "{\"__type\":\"ResourceNotFoundException\",\"message\":\"priming\"}" : "{}";
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(notFound ? 400 : 200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
