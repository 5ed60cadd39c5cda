package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * container/entrypoint.sh with a stub `aws` on PATH that answers from files and records its argv, under
 * each POSIX shell on the machine (dash is Debian's /bin/sh, close to Alpine's busybox sh; bash).
 * EntrypointAwsCliTest runs the real AWS CLI against a local endpoint instead.
 *
 * <p>Every run also checks the script's promise: the password appears neither in its output nor on any
 * command line it ran.
 */
class EntrypointTest {

    /** Obviously fake, but unique enough that finding it anywhere means it leaked. */
    private static final String PASSWORD = "placeholder-Pw-7f3a9c";
    private static final String GREEN_SECRET = "{\"engine\":\"postgres\",\"host\":\"db.example.internal\",\"port\":5432,"
            + "\"username\":\"app_green\",\"password\":\"" + PASSWORD + "\",\"dbname\":\"appdb\"}";

    private static final String STUB_AWS = """
            #!/bin/sh
            # Test stub of the AWS CLI: argv to $STUB/calls; answers from $STUB/pointer and $STUB/secret.<id>.
            printf '%s\\n' "$*" >> "$STUB/calls"
            while [ $# -gt 0 ]; do
              case $1 in
                --endpoint-url) shift 2 ;;
                ssm) [ -f "$STUB/pointer" ] || { echo "An error occurred (ParameterNotFound) when calling the GetParameter operation:" >&2; exit 254; }
                     cat "$STUB/pointer"; exit 0 ;;
                secretsmanager)
                     while [ "$1" != --secret-id ]; do shift; done
                     f="$STUB/secret.$(printf '%s' "$2" | tr '/:' '__')"
                     [ -f "$f" ] || { echo "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret." >&2; exit 254; }
                     cat "$f"; exit 0 ;;
                *) shift ;;
              esac
            done
            exit 252
            """;

    /** The "application": writes its environment (NUL-separated, so values may hold anything) and exits 7. */
    private static final String APP = "env -0 > \"$STUB/app-env\"; echo app-started; exit 7";

    @TempDir
    Path stub;

    static Stream<Arguments> shells() {
        return Stream.of("dash", "bash", "busybox").map(Shell::which).filter(p -> p != null)
                .map(p -> Arguments.of(p.getFileName().toString().equals("busybox")
                        ? List.of(p.toString(), "sh") : List.of(p.toString())));
    }

    @BeforeEach
    void writeStub() throws IOException {
        Path bin = Files.createDirectories(stub.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, STUB_AWS);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jq = Shell.which("jq");
        if (jq == null) {
            throw new AssertionError("jq is needed (Debian: apt-get install jq)");
        }
        Files.createSymbolicLink(bin.resolve("jq"), jq);
        Files.writeString(stub.resolve("pointer"), "green\n");
        secret("myapp/db/green", GREEN_SECRET);
    }

    private void secret(String id, String value) throws IOException {
        Files.writeString(stub.resolve("secret." + id.replace('/', '_').replace(':', '_')), value + "\n");
    }

    private Map<String, String> env(String... pairs) {
        // A clean environment: the stub's bin first, then only the system's basics (tr, env, sh).
        Map<String, String> env = new HashMap<>(Map.of("PATH", stub.resolve("bin") + ":/usr/bin:/bin",
                "STUB", stub.toString(), "BLUEGREEN_POINTER_PARAMETER", "/bluegreen/myapp/active-slot",
                "BLUEGREEN_SECRET_PREFIX", "myapp/db/"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    private Shell.Result run(List<String> shell, Map<String, String> env, String... command) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(shell);
        cmd.add(Repo.file("container/entrypoint.sh").toString());
        cmd.addAll(List.of(command));
        Shell.Result r = Shell.run(cmd, env, stub, null);
        assertFalse(r.all().contains(PASSWORD), "the password was printed:\n" + r.all());
        Path calls = stub.resolve("calls");
        if (Files.exists(calls)) {
            assertFalse(Files.readString(calls).contains(PASSWORD), "the password was on a command line");
        }
        return r;
    }

    private Shell.Result runApp(List<String> shell, Map<String, String> env) throws IOException {
        return run(shell, env, "sh", "-c", APP);
    }

    private Map<String, String> appEnvironment() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : Files.readString(stub.resolve("app-env")).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                out.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return out;
    }

    private String calls() throws IOException {
        return Files.readString(stub.resolve("calls"));
    }

    @ParameterizedTest
    @MethodSource("shells")
    void readsPointerThenThatSlotsSecretAndExecsTheApp(List<String> shell) throws IOException {
        Shell.Result r = runApp(shell, env("BLUEGREEN_HOST_VAR", "DB_HOST", "BLUEGREEN_PORT_VAR", "DB_PORT",
                "BLUEGREEN_DBNAME_VAR", "DB_NAME"));
        assertEquals(7, r.exit(), "the app's exit status, because the script exec'd it: " + r.all());
        assertTrue(r.stdout().contains("app-started"));
        assertTrue(r.stderr().contains("slot 'green' (secret 'myapp/db/green', user 'app_green')"), r.stderr());
        Map<String, String> app = appEnvironment();
        assertEquals("app_green", app.get("DB_USERNAME"));
        assertEquals(PASSWORD, app.get("DB_PASSWORD"));
        assertEquals("db.example.internal", app.get("DB_HOST"));
        assertEquals("5432", app.get("DB_PORT"));
        assertEquals("appdb", app.get("DB_NAME"));
        assertEquals("green", app.get("BLUEGREEN_ACTIVE_SLOT"));
        assertTrue(app.keySet().stream().noneMatch(k -> k.startsWith("_bg_")), "no internal variables leak: " + app.keySet());
        assertEquals("""
                ssm get-parameter --name /bluegreen/myapp/active-slot --query Parameter.Value --output text
                secretsmanager get-secret-value --secret-id myapp/db/green --version-stage AWSCURRENT --query SecretString --output text
                """, calls(), "pointer first, then the AWSCURRENT version of that slot's secret");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void perSlotSecretIdsAndCustomVariableNames(List<String> shell) throws IOException {
        Files.writeString(stub.resolve("pointer"), "blue-2.a\n");
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:other/name-AbCdEf";
        secret(arn, GREEN_SECRET.replace("app_green", "app_blue2"));
        Shell.Result r = runApp(shell, env("BLUEGREEN_SECRET_BLUE_2_A", arn,
                "BLUEGREEN_USERNAME_VAR", "SPRING_DATASOURCE_USERNAME", "BLUEGREEN_PASSWORD_VAR", "SPRING_DATASOURCE_PASSWORD",
                "BLUEGREEN_ENDPOINT_URL", "http://127.0.0.1:9"));
        assertEquals(7, r.exit(), r.all());
        Map<String, String> app = appEnvironment();
        assertEquals("app_blue2", app.get("SPRING_DATASOURCE_USERNAME"));
        assertEquals(PASSWORD, app.get("SPRING_DATASOURCE_PASSWORD"));
        assertFalse(app.containsKey("DB_PASSWORD") || app.containsKey("DB_HOST"), "only what was asked for");
        assertTrue(calls().contains("--secret-id " + arn), "the per-slot variable wins over the prefix");
        assertTrue(calls().lines().allMatch(l -> l.startsWith("--endpoint-url http://127.0.0.1:9 ")), calls());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("no command", List.of(), 64, "no command given", null),
                Arguments.of("no pointer variable", List.of("BLUEGREEN_POINTER_PARAMETER", ""), 64,
                        "BLUEGREEN_POINTER_PARAMETER is not set", null),
                Arguments.of("no secret mapping", List.of("BLUEGREEN_SECRET_PREFIX", ""), 64,
                        "no secret configured for slot 'green': set BLUEGREEN_SECRET_GREEN or BLUEGREEN_SECRET_PREFIX", null),
                Arguments.of("bad variable name", List.of("BLUEGREEN_PASSWORD_VAR", "DB-PASSWORD"), 64,
                        "'DB-PASSWORD' is not a valid environment variable name", null),
                Arguments.of("internal variable name", List.of("BLUEGREEN_USERNAME_VAR", "_bg_secret"), 64,
                        "'_bg_secret' is not a valid environment variable name", null),
                Arguments.of("pointer unreadable", List.of(), 69,
                        "could not read the pointer parameter '/bluegreen/myapp/active-slot'", "no-pointer"),
                Arguments.of("pointer not a slot", List.of(), 65, "which is not a slot name", "pointer:../x y"),
                Arguments.of("secret unreadable", List.of("BLUEGREEN_SECRET_PREFIX", "missing/"), 69,
                        "could not read secret 'missing/green' for slot 'green'", null),
                Arguments.of("secret not JSON", List.of(), 65, "does not hold a JSON object", "secret:not json " + PASSWORD),
                Arguments.of("secret without password", List.of(), 65, "has no \"password\"",
                        "secret:{\"username\":\"app_green\",\"pw\":\"" + PASSWORD + "\"}"),
                Arguments.of("secret without username", List.of(), 65, "has no \"username\"",
                        "secret:{\"password\":\"" + PASSWORD + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsClearlyWithoutStartingTheApp(String why, List<String> envChanges, int exit, String message, String setup)
            throws IOException {
        if ("no-pointer".equals(setup)) {
            Files.delete(stub.resolve("pointer"));
        } else if (setup != null && setup.startsWith("pointer:")) {
            Files.writeString(stub.resolve("pointer"), setup.substring("pointer:".length()) + "\n");
        } else if (setup != null && setup.startsWith("secret:")) {
            secret("myapp/db/green", setup.substring("secret:".length()));
        }
        String[] pairs = new String[envChanges.size()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = envChanges.get(i).isEmpty() ? null : envChanges.get(i);
        }
        List<String> shell = List.of(shells().findFirst().map(a -> ((List<?>) a.get()[0]).get(0).toString()).orElse("sh"));
        Shell.Result r = why.equals("no command") ? run(shell, env(pairs)) : runApp(shell, env(pairs));
        assertEquals(exit, r.exit(), why + ": " + r.all());
        assertTrue(r.stderr().contains("bluegreen-entrypoint: error: ") && r.stderr().contains(message),
                why + ": " + r.stderr());
        assertFalse(r.stdout().contains("app-started"), "the app must not start");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void saysWhatIsMissingFromTheImage(List<String> shell) throws IOException {
        Files.delete(stub.resolve("bin/jq"));
        Shell.Result noJq = runApp(shell, env("PATH", stub.resolve("bin") + ":/nonexistent"));
        // /bin is gone from PATH, so only the shell builtins remain: jq is reported missing first.
        assertEquals(64, noJq.exit(), noJq.all());
        assertTrue(noJq.stderr().contains("jq is not installed"), noJq.stderr());

        Shell.Result noAws = runApp(shell, env("BLUEGREEN_AWS", "aws-not-installed"));
        assertEquals(64, noAws.exit(), noAws.all());
        assertTrue(noAws.stderr().contains("the AWS CLI ('aws-not-installed') is not installed"), noAws.stderr());
    }
}
