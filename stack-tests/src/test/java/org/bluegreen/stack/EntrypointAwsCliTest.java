package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * container/entrypoint.sh with the real AWS CLI (whatever `aws` this machine has: v1 or v2) against a
 * minimal local endpoint for the two operations it calls, speaking the AWS JSON 1.1 protocol. Proves the
 * exact CLI flags, the --query/--output handling of SecretString, and the error path, end to end.
 *
 * <p>The endpoint here is deliberately tiny (two canned operations). When testkit's LocalAwsEndpoint (SSM
 * and Secrets Manager over the fakes) lands, this test should run against it instead.
 * Skipped, with a message, on a machine without the AWS CLI.
 */
class EntrypointAwsCliTest {

    private static final String PASSWORD = "placeholder-Pw-cli-51d0";
    private static final String POINTER = "/bluegreen/myapp/active-slot";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> targets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            Map<String, Object> request = JSON.std.mapFrom(exchange.getRequestBody());
            targets.add(target + " " + request);
            int status = 200;
            Object body;
            if (target.equals("AmazonSSM.GetParameter") && POINTER.equals(request.get("Name"))) {
                body = Map.of("Parameter", Map.of("Name", POINTER, "Type", "String", "Value", "blue", "Version", 3));
            } else if (target.equals("secretsmanager.GetSecretValue") && "myapp/db/blue".equals(request.get("SecretId"))
                    && "AWSCURRENT".equals(request.get("VersionStage"))) {
                String secret = JSON.std.asString(Map.of("engine", "postgres", "host", "db.example.internal", "port", 5432,
                        "username", "app_blue", "password", PASSWORD, "dbname", "appdb"));
                body = Map.of("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:myapp/db/blue-AbCdEf",
                        "Name", "myapp/db/blue", "VersionId", "00000000-0000-4000-8000-000000000001",
                        "SecretString", secret, "VersionStages", List.of("AWSCURRENT"), "CreatedDate", 1.7e9);
            } else {
                status = 400;
                body = Map.of("__type", target.startsWith("AmazonSSM") ? "ParameterNotFound" : "ResourceNotFoundException",
                        "message", "not found in the test endpoint");
            }
            byte[] bytes = JSON.std.asBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Shell.Result run(String secretPrefix) throws IOException {
        Path aws = Shell.which("aws");
        Assumptions.assumeTrue(aws != null, "no AWS CLI on this machine; EntrypointTest covers the script with a stub");
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> env = Map.ofEntries(
                Map.entry("PATH", aws.getParent() + ":/usr/bin:/bin"),
                Map.entry("HOME", dir.toString()),
                // pyenv's `aws` shim needs to know where pyenv lives, when that is how the CLI is installed
                Map.entry("PYENV_ROOT", System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv")),
                Map.entry("AWS_ACCESS_KEY_ID", "placeholder-access-key"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "placeholder-secret-key"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("AWS_CONFIG_FILE", dir.resolve("no-config").toString()),
                Map.entry("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString()),
                Map.entry("AWS_EC2_METADATA_DISABLED", "true"),
                Map.entry("AWS_MAX_ATTEMPTS", "1"),
                Map.entry("BLUEGREEN_ENDPOINT_URL", endpoint),
                Map.entry("BLUEGREEN_POINTER_PARAMETER", POINTER),
                Map.entry("BLUEGREEN_SECRET_PREFIX", secretPrefix),
                Map.entry("OUT", dir.resolve("app-env").toString()));
        Shell.Result r = Shell.run(List.of("sh", Repo.file("container/entrypoint.sh").toString(),
                "sh", "-c", "env > \"$OUT\""), env, dir, null);
        assertFalse(r.all().contains(PASSWORD), "the password was printed:\n" + r.all());
        return r;
    }

    @Test
    void realCliReadsPointerAndSecret() throws IOException {
        Shell.Result r = run("myapp/db/");
        assertEquals(0, r.exit(), r.all());
        String app = Files.readString(dir.resolve("app-env"), StandardCharsets.UTF_8);
        assertTrue(app.contains("DB_USERNAME=app_blue\n"), app);
        assertTrue(app.contains("DB_PASSWORD=" + PASSWORD + "\n"));
        assertTrue(app.contains("BLUEGREEN_ACTIVE_SLOT=blue\n"));
        assertEquals(2, targets.size(), targets.toString());
        assertTrue(targets.get(0).startsWith("AmazonSSM.GetParameter"), targets.toString());
        assertTrue(targets.get(1).startsWith("secretsmanager.GetSecretValue"), targets.toString());
    }

    @Test
    void realCliErrorIsPassedThroughAndTheAppDoesNotStart() throws IOException {
        Shell.Result r = run("other/");
        assertEquals(69, r.exit(), r.all());
        assertTrue(r.stderr().contains("ResourceNotFoundException"), "the CLI's own message is shown: " + r.stderr());
        assertTrue(r.stderr().contains("could not read secret 'other/blue' for slot 'blue'"), r.stderr());
        assertFalse(Files.exists(dir.resolve("app-env")));
    }
}
