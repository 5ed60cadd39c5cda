package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * container/entrypoint.sh with the real AWS CLI (whatever `aws` this machine has, v1 or v2) against testkit's
 * LocalAwsEndpoint, which serves the Secrets Manager and SSM fakes over the AWS JSON 1.1 protocol. Proves the
 * exact CLI invocations, the --query/--output handling of SecretString, both ways of pointing the CLI at an
 * endpoint, and the error path, end to end. Skipped, with a message, on a machine without the AWS CLI
 * (EntrypointTest still covers the script there, with a stub).
 */
class EntrypointAwsCliTest {

    private static final String PASSWORD = "placeholder-Pw-cli-51d0";
    private static final String POINTER = "/bluegreen/myapp/active-slot";

    @TempDir
    Path dir;
    private FakeSecretsManager secrets;
    private FakeSsm ssm;
    private LocalAwsEndpoint aws;

    @BeforeEach
    void start() throws IOException {
        secrets = new FakeSecretsManager(Clock.systemUTC());
        ssm = new FakeSsm(Clock.systemUTC());
        for (String slot : List.of("blue", "green")) {
            secrets.createSecret("myapp/db/" + slot, JSON.std.asString(Map.of("engine", "postgres",
                    "host", "db.example.internal", "port", 5432, "username", "app_" + slot,
                    "password", PASSWORD + "-" + slot, "dbname", "appdb")));
        }
        ssm.putParameter(b -> b.name(POINTER).type(ParameterType.STRING).value("blue"));
        secrets.clearCalls();
        ssm.clearCalls();
        aws = new LocalAwsEndpoint(secrets, ssm, null);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    /** Runs the entrypoint with the CLI pointed at the local endpoint, either way the script supports. */
    private Shell.Result run(boolean viaScriptVariable, String... extraEnv) throws IOException {
        Path cli = Shell.which("aws");
        Assumptions.assumeTrue(cli != null, "no AWS CLI on this machine; EntrypointTest covers the script with a stub");
        Map<String, String> env = new HashMap<>(Map.of(
                "PATH", cli.getParent() + ":/usr/bin:/bin",
                "HOME", dir.toString(),
                "AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_MAX_ATTEMPTS", "1",
                "BLUEGREEN_POINTER_PARAMETER", POINTER,
                "BLUEGREEN_SECRET_PREFIX", "myapp/db/",
                "OUT", dir.resolve("app-env").toString()));
        // pyenv's `aws` shim (one way the CLI gets installed) needs to know where pyenv lives.
        env.put("PYENV_ROOT", System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv"));
        env.putAll(aws.environment()); // AWS_ENDPOINT_URL, AWS_REGION, placeholder credentials
        env.put("AWS_DEFAULT_REGION", env.get("AWS_REGION")); // CLI v1 reads only this one
        if (viaScriptVariable) {
            env.remove("AWS_ENDPOINT_URL");
            env.put("BLUEGREEN_ENDPOINT_URL", aws.url().toString());
        }
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        Shell.Result r = Shell.run(List.of("sh", Repo.file("container/entrypoint.sh").toString(),
                "sh", "-c", "env > \"$OUT\""), env, dir, null);
        assertFalse(r.all().contains(PASSWORD), "the password was printed:\n" + r.all());
        return r;
    }

    private void assertAppGotBlue(Shell.Result r) throws IOException {
        assertEquals(0, r.exit(), r.all());
        String app = Files.readString(dir.resolve("app-env"), StandardCharsets.UTF_8);
        assertTrue(app.contains("DB_USERNAME=app_blue\n"), app);
        assertTrue(app.contains("DB_PASSWORD=" + PASSWORD + "-blue\n"));
        assertTrue(app.contains("BLUEGREEN_ACTIVE_SLOT=blue\n"));
        assertEquals(List.of("GetParameter"), ssm.calls());
        assertEquals(List.of("GetSecretValue"), secrets.calls());
    }

    @Test
    void realCliWithTheScriptsEndpointVariable() throws IOException {
        assertAppGotBlue(run(true));
    }

    /** The standard AWS_ENDPOINT_URL works too, when the CLI is new enough to read it (v1.29+/v2.13+). */
    @Test
    void realCliWithTheStandardEndpointVariable() throws IOException {
        // Checked first, so an older CLI is never sent to a real AWS endpoint by this test.
        Path cli = Shell.which("aws");
        Assumptions.assumeTrue(cli != null, "no AWS CLI on this machine");
        Shell.Result version = Shell.run(List.of(cli.toString(), "--version"), Map.of("PATH", cli.getParent() + ":/usr/bin:/bin",
                "HOME", dir.toString(), "PYENV_ROOT", System.getenv().getOrDefault("PYENV_ROOT",
                        System.getProperty("user.home") + "/.pyenv")), dir, null);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("aws-cli/(\\d+)\\.(\\d+)").matcher(version.all());
        Assumptions.assumeTrue(m.find(), "unknown AWS CLI version: " + version.all());
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        Assumptions.assumeTrue(major == 1 ? minor >= 29 : major == 2 && minor >= 13,
                "this AWS CLI predates AWS_ENDPOINT_URL: " + version.all().trim());
        assertAppGotBlue(run(false));
    }

    @Test
    void followsThePointerAfterAFlip() throws IOException {
        ssm.putParameter(b -> b.name(POINTER).type(ParameterType.STRING).value("green").overwrite(true));
        Shell.Result r = run(true);
        assertEquals(0, r.exit(), r.all());
        String app = Files.readString(dir.resolve("app-env"), StandardCharsets.UTF_8);
        assertTrue(app.contains("DB_USERNAME=app_green\n"), app);
        assertTrue(app.contains("DB_PASSWORD=" + PASSWORD + "-green\n"));
    }

    @Test
    void realCliErrorIsPassedThroughAndTheAppDoesNotStart() throws IOException {
        Shell.Result r = run(true, "BLUEGREEN_SECRET_PREFIX", "other/");
        assertEquals(69, r.exit(), r.all());
        assertTrue(r.stderr().contains("ResourceNotFoundException"), "the CLI's own message is shown: " + r.stderr());
        assertTrue(r.stderr().contains("could not read secret 'other/blue' for slot 'blue'"), r.stderr());
        assertFalse(Files.exists(dir.resolve("app-env")));
    }
}
