package org.bluegreen.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.bluegreen.cli.TestPair.BLUE;
import static org.bluegreen.cli.TestPair.GREEN;
import static org.bluegreen.cli.TestPair.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotations interrupted at each point, then {@code recover}: without --yes it changes nothing; with --yes the pair
 * is clean, the doctor passes once rollouts finish, and a full rotation through the real handler then succeeds.
 */
class RecoverTest {

    private TestPair pair;

    @BeforeEach
    void setUp() throws SQLException {
        pair = new TestPair();
    }

    @AfterEach
    void tearDown() throws SQLException {
        pair.close();
    }

    @Test
    void aCleanPairHasNothingToRecover() {
        TestPair.Run run = pair.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Nothing to recover"), run.out());
        assertEquals(List.of(), pair.writes());
    }

    /** testSecret crashed: the database has the new password, so recover finishes the rotation (roll forward). */
    @Test
    void afterSetSecretItFinishesTheRotation() throws Exception {
        String oldGreen = pair.password(GREEN, "AWSCURRENT");
        crashAt("testSecret");
        assertThrows(RuntimeException.class, () -> pair.rotate(GREEN));
        String token = pendingVersion(GREEN);
        String newGreen = pendingPassword(GREEN, token);
        assertTrue(pair.logsIn(pair.greenUser, newGreen), "setSecret changed the password before the crash");

        TestPair.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("already has the AWSPENDING password"), dry.out());
        assertTrue(dry.out().contains("finish the rotation of app-green with version " + token), dry.out());

        TestPair.Run run = pair.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("The pair is clean"), run.out());
        assertTrue(pair.stages(GREEN).get(token).contains("AWSCURRENT"));
        assertEquals("green", pair.pointer());
        assertFalse(pair.logsIn(pair.greenUser, oldGreen));
        assertTrue(pair.logsIn(pair.greenUser, pair.password(GREEN, "AWSCURRENT")));
        SERVICES.forEach(s -> assertEquals(2, pair.deployments(s).size(), "one new deployment of " + s));

        fullRotationSucceeds(BLUE, pair.blueUser, "blue");
    }

    /** setSecret never ran: the database still has the old password, so recover removes AWSPENDING (roll back). */
    @Test
    void beforeSetSecretItRemovesThePendingLabel() throws Exception {
        String oldGreen = pair.password(GREEN, "AWSCURRENT");
        crashAt("setSecret");
        assertThrows(RuntimeException.class, () -> pair.rotate(GREEN));
        String token = pendingVersion(GREEN);
        assertThrows(RuntimeException.class, () -> pair.rotate(GREEN), "Secrets Manager refuses while AWSPENDING is stale");

        TestPair.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("still has the AWSCURRENT password"), dry.out());
        assertTrue(dry.out().contains("remove AWSPENDING from version " + token + " of app-green"), dry.out());

        TestPair.Run run = pair.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(List.of(), pair.stages(GREEN).get(token));
        assertEquals(oldGreen, pair.password(GREEN, "AWSCURRENT"));
        assertEquals("blue", pair.pointer(), "a roll back leaves the pointer alone");
        SERVICES.forEach(s -> assertEquals(1, pair.deployments(s).size(), "no redeploy for a roll back"));
        assertEquals(0, pair.pairCommand("doctor").exit(), "the doctor passes after a roll back");

        fullRotationSucceeds(GREEN, pair.greenUser, "green");
    }

    /** createSecret refused (a task still used green): AWSPENDING without a value; recover removes the label. */
    @Test
    void afterARefusedCreateSecretItRemovesTheEmptyPendingVersion() throws Exception {
        pair.holdSession(pair.greenUser, pair.password(GREEN, "AWSCURRENT"));
        assertThrows(RuntimeException.class, () -> pair.rotate(GREEN));
        String token = pendingVersion(GREEN);

        TestPair.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("has no value: createSecret stopped before storing a new password"), dry.out());

        pair.releaseSessions();
        TestPair.Run run = pair.pairCommand("recover", "--yes", "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(Boolean.TRUE, run.json().get("clean"));
        assertEquals(List.of(), pair.stages(GREEN).get(token));

        fullRotationSucceeds(GREEN, pair.greenUser, "green");
    }

    /** finishSecret moved AWSCURRENT, then crashed before the pointer: recover sets the pointer and redeploys. */
    @Test
    void afterAwsCurrentMovedItSetsThePointerAndRedeploys() throws Exception {
        pair.ssm.failNextCall("PutParameter", SdkClientException.create("injected crash before PutParameter"));
        assertThrows(RuntimeException.class, () -> pair.rotate(GREEN));
        assertEquals("blue", pair.pointer());
        String token = pendingVersion(GREEN);
        assertTrue(pair.stages(GREEN).get(token).contains("AWSCURRENT"));

        TestPair.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("finishSecret stopped before setting the pointer"), dry.out());

        TestPair.Run run = pair.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("green", pair.pointer());
        SERVICES.forEach(s -> assertEquals(2, pair.deployments(s).size(), "one new deployment of " + s));

        fullRotationSucceeds(BLUE, pair.blueUser, "blue");
    }

    /** finishSecret set the pointer, then crashed before redeploying: recover forces the deployments. */
    @Test
    void afterThePointerMovedItRedeploys() throws Exception {
        pair.ecs.failNextCall("UpdateService", SdkClientException.create("injected crash before UpdateService"));
        assertThrows(RuntimeException.class, () -> pair.rotate(GREEN));
        assertEquals("green", pair.pointer());
        SERVICES.forEach(s -> assertEquals(1, pair.deployments(s).size()));

        TestPair.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("not redeployed since the pointer changed"), dry.out());

        TestPair.Run run = pair.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        SERVICES.forEach(s -> assertEquals(2, pair.deployments(s).size(), "one new deployment of " + s));

        fullRotationSucceeds(BLUE, pair.blueUser, "blue");
    }

    @Test
    void aRotationThatMayStillBeRunningIsLeftAlone() throws Exception {
        crashAt("setSecret");
        assertThrows(RuntimeException.class, () -> pair.rotate(GREEN));
        Map<String, Object> before = pair.snapshot();
        pair.clearCalls();
        TestPair.Run run = pair.pairCommand("recover", "--yes");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("the rotation may still be running"), run.out());
        assertEquals(List.of(), pair.writes());
        assertEquals(before, pair.snapshot());
    }

    @Test
    void aPointerNamingNeitherSlotBlocksTheRecovery() throws Exception {
        pair.ssm.putParameter(b -> b.name(TestPair.POINTER).value("purple").overwrite(true));
        pair.clearCalls();
        TestPair.Run run = pair.pairCommand("recover", "--yes");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("the pointer names neither slot"), run.out());
        assertEquals(List.of(), pair.writes());
    }

    // ---------------------------------------------------------------- helpers

    private void crashAt(String step) {
        pair.rotationFunction(event -> {
            if (event.get("Step").equals(step)) {
                throw new IllegalStateException("injected crash at " + step);
            }
            pair.invokeHandler(event);
        });
    }

    /** recover without --yes: exit 0, and no write call, label, pointer, deployment or password changed. */
    private TestPair.Run dryRunChangesNothing() throws SQLException {
        pair.clock.advance(Duration.ofMinutes(20)); // past the window in which the rotation may still be running
        Map<String, Object> before = pair.snapshot();
        pair.clearCalls();
        TestPair.Run run = pair.pairCommand("recover");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("Nothing changed. Run again with --yes"), run.out());
        assertEquals(List.of(), pair.writes(), "recover without --yes called a write operation");
        assertEquals(before, pair.snapshot(), "recover without --yes changed the pair");
        return run;
    }

    /** Rollouts finish, the doctor passes, and Secrets Manager's next rotation of {@code secret} succeeds. */
    private void fullRotationSucceeds(String secret, String user, String slot) throws SQLException {
        pair.rotationFunction(pair::invokeHandler);
        pair.rolloutsComplete();
        TestPair.Run doctor = pair.pairCommand("doctor");
        assertEquals(0, doctor.exit(), doctor.out());

        String before = pair.password(secret, "AWSCURRENT");
        pair.rotate(secret);
        String after = pair.password(secret, "AWSCURRENT");
        assertTrue(!before.equals(after) && pair.logsIn(user, after) && !pair.logsIn(user, before),
                "the rotation of " + secret + " changed the password");
        assertEquals(slot, pair.pointer());
    }

    private String pendingVersion(String secret) {
        return pair.stages(secret).entrySet().stream()
                .filter(e -> e.getValue().contains("AWSPENDING"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private String pendingPassword(String secret, String version) throws Exception {
        return com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(pair.secrets.getSecretValue(b -> b.secretId(secret).versionId(version))
                .secretString()).get("password").toString();
    }
}
