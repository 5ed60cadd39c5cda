package org.bluegreen.rotator;

import org.bluegreen.rotator.LambdaProcess.Run;
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.db.PrivateMySqlServer;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler run the way Lambda runs it ({@link LambdaProcess}, a child JVM with its own environment, on the
 * template's runtime's Java where this machine has it: {@link LambdaJava}):
 * {@code AWS_ENDPOINT_URL} points its SDK clients at a {@link LocalAwsEndpoint} serving the fakes of a
 * {@link BlueGreenPair}, whose database is the real, password-checking PostgreSQL (or a private MariaDB over TLS).
 * In the build ({@code mvn package} or {@code verify}) the child runs on the built Lambda jar (see
 * {@link LambdaProcess}): whatever the jar leaves out, and the handler loads by reflection or ServiceLoader, fails here.
 */
class LambdaWayHandlerTest {

    @Test
    void fourStepsThroughTheLambdaEntryPoint(@TempDir Path dir) throws Exception {
        fourSteps(dir, new PostgresTestDatabase());
    }

    /** Connector/J loads much by name (protocol, authentication plugins, TLS): the jar must still have all of it. */
    @Test
    void fourStepsOnMariaDbOverTls(@TempDir Path dir) throws Exception {
        try (PrivateMySqlServer server = PrivateMySqlServer.mariaDb(true)) {
            MySqlFamilyTestDatabase db = new MySqlFamilyTestDatabase(server);
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
            assertEquals(LambdaJava.version(), run.javaVersion(), "the handler ran on " + LambdaJava.description());
            assertEquals(List.of("createSecret", "setSecret", "testSecret", "finishSecret"), run.outcomeEvents(), run.both());
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
            assertEquals(List.of("createSecret succeeded PENDING_CREATED", "testSecret failed " + RotationException.class.getName()),
                    run.outcomes(), run.both());
            assertTrue(run.stderr().contains("RotationException: the password of '"
                    + p.blueUser + "' from AWSPENDING (setSecret has not completed) of secret 'app-blue' does not log in"), run.both());
            assertTrue(run.stderr().contains(RotationHandler.RotationFailedException.class.getName()), run.both());
            assertEquals(List.of("createSecret"), run.outcomeEvents(), "only createSecret succeeded: " + run.both());
            assertTrue(p.db.logsIn(p.blueUser, blueBefore), "the database still has the old password");
            assertFalse(p.db.logsIn(p.blueUser, pending));
            assertNoSecretIn(run, List.of(blueBefore, pending, p.password(p.greenArn, "AWSCURRENT"), rotationToken));
        }
    }

    // ---------------------------------------------------------------- the child JVM

    private static Run runHandler(Path dir, LocalAwsEndpoint aws, BlueGreenPair p, String secretId, String token,
                                  String rotationToken, String... steps) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.putAll(p.env);
        return LambdaProcess.run(dir, env, secretId, token, rotationToken, steps);
    }

    private static void assertNoSecretIn(Run run, List<String> secrets) {
        assertFalse(run.mentionsAny(secrets), "a secret appeared in the handler's output");
    }
}
