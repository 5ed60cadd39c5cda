package org.bluegreen.cli;

import org.bluegreen.rotator.RotationHandler.RotationFailedException;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.PairSnapshot;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.bluegreen.rotator.scenario.BlueGreenPair.POINTER;
import static org.bluegreen.rotator.scenario.BlueGreenPair.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotations interrupted at each point, then {@code recover}: without --yes it changes nothing; with --yes the pair
 * is clean, the doctor passes once rollouts finish, and a full rotation through the real handler then succeeds.
 * The app runs on green, so the interrupted rotations are blue's.
 */
class RecoverTest extends AbstractPairCliTest {

    @Test
    void aCleanPairHasNothingToRecover() {
        PairCli.Run run = cli.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Nothing to recover"), run.out());
        assertEquals(List.of(), run.writes());
    }

    /** testSecret crashed: the database has the new password, so recover finishes the rotation (roll forward). */
    @Test
    void afterSetSecretItFinishesTheRotation() throws Exception {
        String oldBlue = pair.password(pair.blueArn, "AWSCURRENT");
        pair.faults.crashAtNext("testSecret");
        assertThrows(RuntimeException.class, () -> pair.rotateSecret(pair.blueArn));
        String token = pendingVersion(pair.blueArn);
        String newBlue = pair.password(pair.blueArn, "AWSPENDING");
        assertTrue(pair.db.logsIn(pair.blueUser, newBlue), "setSecret changed the password before the crash");

        PairCli.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("already has the AWSPENDING password"), dry.out());
        assertTrue(dry.out().contains("finish the rotation of app-blue with version " + token), dry.out());

        PairCli.Run run = cli.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("The pair is clean"), run.out());
        assertTrue(pair.stages(pair.blueArn).get(token).contains("AWSCURRENT"));
        assertEquals("blue", pair.pointer().value());
        assertFalse(pair.db.logsIn(pair.blueUser, oldBlue));
        assertTrue(pair.db.logsIn(pair.blueUser, pair.password(pair.blueArn, "AWSCURRENT")));
        SERVICES.forEach(s -> assertEquals(2, pair.deployments(s).size(), "one new deployment of " + s));

        fullRotationSucceeds(pair.greenArn, pair.greenUser, "green");
    }

    /** setSecret never ran: the database still has the old password, so recover removes AWSPENDING (roll back). */
    @Test
    void beforeSetSecretItRemovesThePendingLabel() throws Exception {
        String oldBlue = pair.password(pair.blueArn, "AWSCURRENT");
        pair.faults.crashAtNext("setSecret");
        assertThrows(RuntimeException.class, () -> pair.rotateSecret(pair.blueArn));
        String token = pendingVersion(pair.blueArn);
        assertThrows(RuntimeException.class, () -> pair.rotateSecret(pair.blueArn), "Secrets Manager refuses while AWSPENDING is stale");

        PairCli.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("still has the AWSCURRENT password"), dry.out());
        assertTrue(dry.out().contains("remove AWSPENDING from version " + token + " of app-blue"), dry.out());

        PairCli.Run run = cli.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(List.of(), pair.stages(pair.blueArn).get(token));
        assertEquals(oldBlue, pair.password(pair.blueArn, "AWSCURRENT"));
        assertEquals("green", pair.pointer().value(), "a roll back leaves the pointer alone");
        SERVICES.forEach(s -> assertEquals(1, pair.deployments(s).size(), "no redeploy for a roll back"));
        assertEquals(0, cli.pairCommand("doctor").exit(), "the doctor passes after a roll back");

        fullRotationSucceeds(pair.blueArn, pair.blueUser, "blue");
    }

    /** createSecret refused (a task still used green): AWSPENDING without a value; recover removes the label. */
    @Test
    void afterARefusedCreateSecretItRemovesTheEmptyPendingVersion() throws Exception {
        String token;
        try (Connection task = pair.db.connect(pair.blueUser, pair.password(pair.blueArn, "AWSCURRENT"))) {
            RotationFailedException refused = assertThrows(RotationFailedException.class, () -> pair.rotateSecret(pair.blueArn));
            assertEquals(Optional.of(Refusal.Reason.LIVE_SESSIONS), refused.outcome().refusal(), refused.getMessage());
            token = pendingVersion(pair.blueArn);

            PairCli.Run dry = dryRunChangesNothing();
            assertTrue(dry.out().contains("has no value: createSecret stopped before storing a new password"), dry.out());
        }
        PairCli.Run run = cli.pairCommand("recover", "--yes", "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(Boolean.TRUE, run.json().get("clean"));
        assertEquals(List.of(), pair.stages(pair.blueArn).get(token));

        fullRotationSucceeds(pair.blueArn, pair.blueUser, "blue");
    }

    /** finishSecret moved AWSCURRENT, then crashed before the pointer: recover sets the pointer and redeploys. */
    @Test
    void afterAwsCurrentMovedItSetsThePointerAndRedeploys() throws Exception {
        pair.faults.failNextCall("PutParameter");
        assertThrows(RuntimeException.class, () -> pair.rotateSecret(pair.blueArn));
        assertEquals("green", pair.pointer().value());
        String token = pendingVersion(pair.blueArn);
        assertTrue(pair.stages(pair.blueArn).get(token).contains("AWSCURRENT"));

        PairCli.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("finishSecret stopped before setting the pointer"), dry.out());

        PairCli.Run run = cli.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("blue", pair.pointer().value());
        SERVICES.forEach(s -> assertEquals(2, pair.deployments(s).size(), "one new deployment of " + s));

        fullRotationSucceeds(pair.greenArn, pair.greenUser, "green");
    }

    /** finishSecret set the pointer, then crashed before redeploying: recover forces the deployments. */
    @Test
    void afterThePointerMovedItRedeploys() throws Exception {
        pair.faults.failNextCall("UpdateService");
        assertThrows(RuntimeException.class, () -> pair.rotateSecret(pair.blueArn));
        assertEquals("blue", pair.pointer().value());
        SERVICES.forEach(s -> assertEquals(1, pair.deployments(s).size()));

        PairCli.Run dry = dryRunChangesNothing();
        assertTrue(dry.out().contains("not redeployed since the pointer changed"), dry.out());

        PairCli.Run run = cli.pairCommand("recover", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        SERVICES.forEach(s -> assertEquals(2, pair.deployments(s).size(), "one new deployment of " + s));

        fullRotationSucceeds(pair.greenArn, pair.greenUser, "green");
    }

    @Test
    void aRotationThatMayStillBeRunningIsLeftAlone() throws Exception {
        pair.faults.crashAtNext("setSecret");
        assertThrows(RuntimeException.class, () -> pair.rotateSecret(pair.blueArn));
        PairSnapshot before = PairSnapshot.of(pair);
        PairCli.Run run = cli.pairCommand("recover", "--yes");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("the rotation may still be running"), run.out());
        assertEquals(List.of(), run.writes());
        assertEquals(before, PairSnapshot.of(pair));
    }

    @Test
    void aPointerNamingNeitherSlotBlocksTheRecovery() throws Exception {
        pair.ssm.putParameter(b -> b.name(POINTER).value("purple").overwrite(true));
        PairCli.Run run = cli.pairCommand("recover", "--yes");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("the pointer names neither slot"), run.out());
        assertEquals(List.of(), run.writes());
    }

    // ---------------------------------------------------------------- helpers

    /** recover without --yes: exit 0, and no write call, label, pointer, deployment or password changed. */
    private PairCli.Run dryRunChangesNothing() throws SQLException {
        pair.clock.advance(Duration.ofMinutes(20)); // past the window in which the rotation may still be running
        PairSnapshot before = PairSnapshot.of(pair);
        PairCli.Run run = cli.pairCommand("recover");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("Nothing changed. Run again with --yes"), run.out());
        assertEquals(List.of(), run.writes(), "recover without --yes called a write operation");
        assertEquals(before, PairSnapshot.of(pair), "recover without --yes changed the pair");
        return run;
    }

    /** Rollouts finish, the doctor passes, and Secrets Manager's next rotation of {@code secretArn} succeeds. */
    private void fullRotationSucceeds(String secretArn, String user, String slot) throws SQLException {
        pair.rolloutsComplete();
        PairCli.Run doctor = cli.pairCommand("doctor");
        assertEquals(0, doctor.exit(), doctor.out());

        String before = pair.password(secretArn, "AWSCURRENT");
        pair.rotateSecret(secretArn);
        String after = pair.password(secretArn, "AWSCURRENT");
        assertTrue(!before.equals(after) && pair.db.logsIn(user, after) && !pair.db.logsIn(user, before),
                "the rotation of " + secretArn + " changed the password");
        assertEquals(slot, pair.pointer().value());
    }

    private String pendingVersion(String secretArn) {
        return pair.stages(secretArn).entrySet().stream()
                .filter(e -> e.getValue().contains("AWSPENDING"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }
}
