package org.bluegreen.rotator;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.MySqlFamilyTestDatabase;
import org.bluegreen.rotator.scenario.PostgresTestDatabase;
import org.bluegreen.rotator.scenario.TestDatabase;
import org.bluegreen.testkit.db.TlsMariaDb;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler run the way Lambda runs it: built by its no-arg constructor, so configuration comes from the real
 * process environment and the AWS clients from {@code AwsClients.fromDefaults()}, and fed event JSON bytes through
 * {@code handleRequest}. That needs a child JVM with its own environment; {@code AWS_ENDPOINT_URL} points its SDK
 * clients at a {@link LocalAwsEndpoint} serving the fakes of a {@link BlueGreenPair}, whose database is the real,
 * password-checking PostgreSQL.
 *
 * <p>In the build ({@code mvn package} or {@code verify}) the child's class path is the Lambda jar itself (system
 * property {@code bluegreen.lambdaJar}, set by rotator/pom.xml) plus this test's own classes for {@link LambdaMain}:
 * whatever the jar leaves out, and the handler loads by reflection or ServiceLoader, fails here. Run on its own from
 * the {@code test} phase it uses the test class path instead.
 */
class LambdaWayHandlerTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);

    private record Run(int exitCode, String stdout, String stderr) {
        String both() {
            return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    @Test
    void fourStepsThroughTheLambdaEntryPoint(@TempDir Path dir) throws Exception {
        fourSteps(dir, new PostgresTestDatabase());
    }

    /** Connector/J loads much by name (protocol, authentication plugins, TLS): the jar must still have all of it. */
    @Test
    void fourStepsOnMariaDbOverTls(@TempDir Path dir) throws Exception {
        try (TlsMariaDb server = TlsMariaDb.start()) {
            MySqlFamilyTestDatabase db = new MySqlFamilyTestDatabase(server.newScope());
            assertTrue(db.tls(), "the private MariaDB has TLS");
            fourSteps(dir, db);
        }
    }

    private void fourSteps(Path dir, TestDatabase db) throws Exception {
        try (BlueGreenPair p = BlueGreenPair.selfService(db);
             LocalAwsEndpoint aws = new LocalAwsEndpoint(p.secrets, p.ssm, p.ecs)) {
            String blueBefore = p.password(p.blueArn, "AWSCURRENT");
            String greenBefore = p.password(p.greenArn, "AWSCURRENT");
            String previousVersion = p.stages(p.blueArn).keySet().iterator().next();
            String token = p.startRotation(p.blueArn);
            String rotationToken = UUID.randomUUID().toString();

            Run run = runHandler(dir, aws, p, p.blueArn, token, rotationToken,
                    "createSecret", "setSecret", "testSecret", "finishSecret");

            assertEquals(0, run.exitCode(), run.both());
            assertEquals(List.of("createSecret", "setSecret", "testSecret", "finishSecret"), outcomeEvents(run.stdout()), run.both());
            String blueAfter = p.password(p.blueArn, "AWSCURRENT");
            assertNotEquals(blueBefore, blueAfter);
            assertFalse(p.db.logsIn(p.blueUser, blueBefore), "the old blue password must be rejected");
            assertTrue(p.db.logsIn(p.blueUser, blueAfter), "the new blue password must log in");
            assertTrue(p.db.logsIn(p.greenUser, greenBefore), "green, serving the app, is untouched");

            assertEquals(List.of("AWSCURRENT", "AWSPENDING"), p.stages(p.blueArn).get(token).stream().sorted().toList());
            assertEquals(List.of("AWSPREVIOUS"), p.stages(p.blueArn).get(previousVersion));
            assertEquals(rotationToken, p.secrets.lastRotationTokenSeen(), "RotationToken reaches PutSecretValue");
            Parameter pointer = p.pointer();
            assertEquals("blue", pointer.value());
            assertEquals(2L, pointer.version());
            for (String service : BlueGreenPair.SERVICES) {
                List<Deployment> deployments = p.deployments(service);
                List<Deployment> sincePointer = deployments.stream()
                        .filter(d -> !d.createdAt().isBefore(pointer.lastModifiedDate())).toList();
                assertEquals(1, sincePointer.size(), service + " has exactly one deployment since the pointer changed");
                assertEquals("PRIMARY", sincePointer.get(0).status());
                assertEquals(2, deployments.size(), service + ": the new deployment and the one it replaces");
            }

            assertNoSecretIn(run, List.of(blueBefore, blueAfter, greenBefore, rotationToken));
        }
    }

    /**
     * SnapStart: Lambda runs the priming hook before the snapshot, with the real SDK clients. It calls no AWS service
     * (the endpoint records every call), and a rotation afterwards in a JVM that ran it completes.
     */
    @Test
    void thePrimingHookCallsNoAwsServiceAndTheRotationAfterItCompletes(@TempDir Path dir) throws Exception {
        try (BlueGreenPair p = BlueGreenPair.selfService(new PostgresTestDatabase());
             LocalAwsEndpoint aws = new LocalAwsEndpoint(p.secrets, p.ssm, p.ecs)) {
            p.secrets.clearCalls();
            p.ssm.clearCalls();
            p.ecs.clearCalls();
            Run primingOnly = runHandler(dir, aws, p, p.blueArn, "unused", "unused", LambdaMain.PRIME);
            assertEquals(0, primingOnly.exitCode(), primingOnly.both());
            assertEquals(List.of(), p.secrets.calls(), "priming called Secrets Manager: " + primingOnly.both());
            assertEquals(List.of(), p.ssm.calls(), "priming called SSM");
            assertEquals(List.of(), p.ecs.calls(), "priming called ECS");

            String blueBefore = p.password(p.blueArn, "AWSCURRENT");
            String token = p.startRotation(p.blueArn);
            Run run = runHandler(dir, aws, p, p.blueArn, token, UUID.randomUUID().toString(),
                    LambdaMain.PRIME, "createSecret", "setSecret", "testSecret", "finishSecret");
            assertEquals(0, run.exitCode(), run.both());
            assertEquals(List.of("createSecret", "setSecret", "testSecret", "finishSecret"), outcomeEvents(run.stdout()), run.both());
            String blueAfter = p.password(p.blueArn, "AWSCURRENT");
            assertFalse(p.db.logsIn(p.blueUser, blueBefore), "the old blue password must be rejected");
            assertTrue(p.db.logsIn(p.blueUser, blueAfter), "the new blue password must log in");
            assertEquals("blue", p.pointer().value());
            assertNoSecretIn(run, List.of(blueBefore, blueAfter));
        }
    }

    @Test
    void aFailingStepExitsNonZeroWithTheHandlersCleanMessage(@TempDir Path dir) throws Exception {
        try (BlueGreenPair p = BlueGreenPair.selfService(new PostgresTestDatabase());
             LocalAwsEndpoint aws = new LocalAwsEndpoint(p.secrets, p.ssm, p.ecs)) {
            String blueBefore = p.password(p.blueArn, "AWSCURRENT");
            String token = p.startRotation(p.blueArn);
            String rotationToken = UUID.randomUUID().toString();

            // testSecret before setSecret: the pending password, created but never set, must not log in.
            Run run = runHandler(dir, aws, p, p.blueArn, token, rotationToken, "createSecret", "testSecret");

            assertNotEquals(0, run.exitCode(), run.both());
            String pending = p.password(p.blueArn, "AWSPENDING");
            assertTrue(run.stderr().contains("testSecret failed for " + p.blueArn + ": RotationException: the password of '"
                    + p.blueUser + "' from AWSPENDING (setSecret has not completed) of secret 'app-blue' does not log in"), run.both());
            assertTrue(run.stderr().contains(RotationHandler.RotationFailedException.class.getName()), run.both());
            assertEquals(List.of("createSecret"), outcomeEvents(run.stdout()), "only createSecret succeeded: " + run.both());
            assertTrue(p.db.logsIn(p.blueUser, blueBefore), "the database still has the old password");
            assertFalse(p.db.logsIn(p.blueUser, pending));
            assertNoSecretIn(run, List.of(blueBefore, pending, p.password(p.greenArn, "AWSCURRENT"), rotationToken));
        }
    }

    // ---------------------------------------------------------------- the child JVM

    /**
     * Writes one event file per step and runs them, in order, through one handler in a child JVM (one warm Lambda
     * container); the child stops at the first step that throws.
     */
    private static Run runHandler(Path dir, LocalAwsEndpoint aws, BlueGreenPair p, String secretId, String token,
                                  String rotationToken, String... steps) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", childClassPath(),
                LambdaMain.class.getName()));
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].equals(LambdaMain.PRIME)) {
                command.add(LambdaMain.PRIME);
                continue;
            }
            Path event = dir.resolve(i + "-" + steps[i] + ".json");
            Files.write(event, JSON.std.asBytes(Map.of("Step", steps[i], "SecretId", secretId,
                    "ClientRequestToken", token, "RotationToken", rotationToken)));
            command.add(event.toString());
        }
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        // Only what the test gives: no AWS settings inherited from this machine, no shared config files.
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(aws.environment());
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.putAll(p.env);

        Process child = pb.start();
        if (!child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("the handler's JVM did not finish within " + CHILD_TIMEOUT + ":\n"
                    + Files.readString(stdout) + Files.readString(stderr));
        }
        return new Run(child.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private static String childClassPath() {
        String lambdaJar = System.getProperty("bluegreen.lambdaJar");
        if (lambdaJar == null) {
            return System.getProperty("java.class.path");
        }
        if (!Files.isRegularFile(Path.of(lambdaJar))) {
            throw new AssertionError("the Lambda jar " + lambdaJar + " has not been built");
        }
        try {
            return lambdaJar + java.io.File.pathSeparator
                    + Path.of(LambdaMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events of the handler's one-per-step outcome lines (INFO with an "outcome" and a "durationMs"). */
    private static List<String> outcomeEvents(String stdout) throws IOException {
        List<String> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                Map<String, Object> json = JSON.std.mapFrom(line);
                if ("INFO".equals(json.get("level")) && json.containsKey("durationMs")) {
                    events.add(String.valueOf(json.get("event")));
                }
            }
        }
        return events;
    }

    private static void assertNoSecretIn(Run run, List<String> secrets) {
        for (String secret : secrets) {
            assertFalse(run.stdout().contains(secret) || run.stderr().contains(secret), "a secret appeared in the handler's output");
        }
    }

    /**
     * What the Lambda Java runtime does, reduced: construct the handler once with its no-arg constructor, then pass
     * each event's bytes to {@code handleRequest}. The Context is null: the handler does not use it. An exception
     * leaves main, so the JVM prints it to stderr and exits with 1, as a failed invocation reports it. {@link #PRIME}
     * runs SnapStart's hooks.
     */
    public static final class LambdaMain {
        /** In place of an event file: run the SnapStart hooks as Lambda does around the snapshot. */
        static final String PRIME = "--prime";

        public static void main(String[] eventFiles) throws Exception {
            RotationHandler handler = new RotationHandler();
            for (String file : eventFiles) {
                if (file.equals(PRIME)) {
                    handler.beforeCheckpoint(null);
                    handler.afterRestore(null);
                    continue;
                }
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    handler.handleRequest(in, new ByteArrayOutputStream(), null);
                }
            }
        }
    }
}
