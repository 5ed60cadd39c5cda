package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.PairSnapshot;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bootstrap} on a pair as a new stack leaves it: the secrets hold passwords the database does not know. In
 * admin mode it sets them as the admin (plan first, nothing changed without --yes, never a password in its output or
 * the server's log, idempotent); in self-service mode it says what the operator runs. A full rotation then works.
 */
class BootstrapTest extends AbstractPairCliTest {

    @Override
    PairCli newPair() throws SQLException {
        return PairCli.adminMode();
    }

    /** As the stack leaves a pair: each user has a password that no secret holds; returns them, blue first. */
    static List<String> neverBootstrapped(BlueGreenPair p) throws SQLException {
        List<String> unknown = List.of(p.setPasswordByHand(p.blueUser), p.setPasswordByHand(p.greenUser));
        stackJustWroteThePointer(p);
        return unknown;
    }

    /**
     * Day one: the stack has just created the pointer, after the services were last deployed, so no task can run on
     * the slot it names yet (docs/deployment.md: bootstrap, then redeploy the services).
     */
    static void stackJustWroteThePointer(BlueGreenPair p) {
        p.clock.advance(Duration.ofMinutes(1));
        p.ssm.putParameter(b -> b.name(BlueGreenPair.POINTER).value(p.pointer().value()).type(ParameterType.STRING).overwrite(true));
        p.clock.advance(Duration.ofMinutes(1));
    }

    /** docs/deployment.md, step 5, after bootstrap: redeploy the services once, so the drain check counts them. */
    static void redeployTheServicesOnce(BlueGreenPair p) {
        BlueGreenPair.SERVICES.forEach(s -> p.ecs.updateService(b -> b.cluster(BlueGreenPair.CLUSTER).service(s).forceNewDeployment(true)));
        p.rolloutsComplete();
    }

    @Test
    void withoutYesItShowsThePlanAndChangesNothing() throws Exception {
        List<String> unknown = neverBootstrapped(pair);
        PairSnapshot before = PairSnapshot.of(pair);

        PairCli.Run run = cli.pairCommand("bootstrap");

        assertEquals(0, run.exit(), run.out() + run.err());
        for (String user : List.of(pair.blueUser, pair.greenUser)) {
            assertTrue(run.out().contains("set the password of '" + user + "'"), run.out());
        }
        assertTrue(run.out().contains("as admin '" + pair.adminUser + "'"), run.out());
        assertTrue(run.out().contains("Nothing changed. Run again with --yes to apply the plan."), run.out());
        assertEquals(List.of(), run.writes());
        assertEquals(before, PairSnapshot.of(pair));
        assertTrue(pair.db.logsIn(pair.blueUser, unknown.get(0)));
    }

    @Test
    void withYesBothUsersLogInWithTheirSecretsAndARotationFollows() throws Exception {
        List<String> unknown = neverBootstrapped(pair);
        String blue = pair.password(pair.blueArn, "AWSCURRENT");
        String green = pair.password(pair.greenArn, "AWSCURRENT");
        assertFalse(pair.db.logsIn(pair.blueUser, blue));

        PairCli.Run run = cli.pairCommand("bootstrap", "--yes");

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("the pair is ready for its first rotation"), run.out());
        assertEquals(List.of(), run.writes(), "bootstrap writes nothing to AWS");
        assertTrue(pair.db.logsIn(pair.blueUser, blue));
        assertTrue(pair.db.logsIn(pair.greenUser, green));
        assertFalse(pair.db.logsIn(pair.blueUser, unknown.get(0)), "the old password is gone");
        assertFalse(pair.db.logsIn(pair.greenUser, unknown.get(1)));
        String log = pair.db.statementLog();
        assertFalse(log.contains(blue) || log.contains(green), "a password reached the server's statement log");

        PairCli.Run again = cli.pairCommand("bootstrap", "--yes");
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("'" + pair.blueUser + "' at ") && again.out().contains("nothing to do"), again.out());
        assertFalse(again.out().contains("Did"), "idempotent: nothing left to do: " + again.out());

        // docs/deployment.md, step 5: then redeploy the services once, so that the drain check counts them.
        BootstrapTest.redeployTheServicesOnce(pair);
        pair.rotate(pair.blueArn);
        String rotated = pair.password(pair.blueArn, "AWSCURRENT");
        assertFalse(pair.db.logsIn(pair.blueUser, blue));
        assertTrue(pair.db.logsIn(pair.blueUser, rotated));
        assertEquals("blue", pair.pointer().value());
    }

    @Test
    void aUserThatAlreadyLogsInIsLeftAlone() throws Exception {
        pair.setPasswordByHand(pair.greenUser);
        stackJustWroteThePointer(pair);
        String blue = pair.password(pair.blueArn, "AWSCURRENT");

        PairCli.Run run = cli.pairCommand("bootstrap", "--json");

        assertEquals(0, run.exit(), run.out() + run.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slots = (List<Map<String, Object>>) run.json().get("slots");
        assertEquals("nothing", slots.get(0).get("status"), run.out());
        assertEquals("planned", slots.get(1).get("status"), run.out());
        assertEquals(false, run.json().get("applied"));
        assertTrue(pair.db.logsIn(pair.blueUser, blue));
    }

    @Test
    void anAdminThatMayNotChangeTheUsersBlocksAndNothingChanges() throws Exception {
        neverBootstrapped(pair);
        pair.db.asAdmin("ALTER ROLE " + pair.adminUser + " NOCREATEROLE");
        PairSnapshot before = PairSnapshot.of(pair);

        PairCli.Run run = cli.pairCommand("bootstrap", "--yes");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("admin '" + pair.adminUser + "' has no CREATEROLE"), run.out());
        assertTrue(run.out().contains("Nothing changed: resolve what blocks the bootstrap first."), run.out());
        assertEquals(before, PairSnapshot.of(pair));
    }

    @Test
    void selfServiceSaysWhatTheOperatorMustRunAndChangesNothing() throws Exception {
        try (PairCli self = PairCli.selfService()) {
            BlueGreenPair p = self.pair;
            neverBootstrapped(p);
            PairSnapshot before = PairSnapshot.of(p);

            PairCli.Run run = self.pairCommand("bootstrap", "--yes");

            assertEquals(1, run.exit(), "not ready until the operator acts: " + run.out());
            for (String[] slot : new String[][] {{BlueGreenPair.BLUE_SECRET, p.blueUser}, {BlueGreenPair.GREEN_SECRET, p.greenUser}}) {
                assertTrue(run.out().contains("aws secretsmanager get-secret-value --secret-id '" + slot[0] + "'"), run.out());
                assertTrue(run.out().contains("-c '\\password " + slot[1] + "'"), run.out());
            }
            assertTrue(run.out().contains("host=" + p.db.host() + " port=" + p.db.port() + " dbname=" + p.db.dbname()), run.out());
            assertEquals(List.of(), run.writes());
            assertEquals(before, PairSnapshot.of(p));

            // The operator does as told (psql's \password sets a verifier, as this does), and the check passes.
            p.db.setPassword(p.blueUser, p.password(p.blueArn, "AWSCURRENT"));
            p.db.setPassword(p.greenUser, p.password(p.greenArn, "AWSCURRENT"));
            PairCli.Run check = self.pairCommand("bootstrap");
            assertEquals(0, check.exit(), check.out());
            assertTrue(check.out().contains("the pair is ready for its first rotation"), check.out());
        }
    }
}
