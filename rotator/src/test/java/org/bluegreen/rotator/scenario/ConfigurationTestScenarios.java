package org.bluegreen.rotator.scenario;

import org.bluegreen.rotator.rotation.StepOutcome;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * testSecret as Secrets Manager's configuration test (RotateSecret with RotateImmediately=false), in both forms AWS
 * may use: a pending version without a value, or one holding a copy of AWSCURRENT's (what AWS showed a Lambda). On a
 * pair never bootstrapped it passes, warns and writes nothing; what would make the next rotation fail fails it, with
 * a message that names the problem, and changes nothing. The database is the private password-checking PostgreSQL.
 */
class ConfigurationTestScenarios {

    private BlueGreenPair pair;

    @AfterEach
    void noSecretInLogsAndCleanUp() throws SQLException {
        if (pair != null) {
            pair.leaks.assertNoneIn(pair.log(), "the log");
            pair.close();
        }
    }

    private BlueGreenPair newPair(boolean adminMode) throws SQLException {
        return pair = adminMode ? BlueGreenPair.adminMode(new PostgresTestDatabase()) : BlueGreenPair.selfService(new PostgresTestDatabase());
    }

    /** As the stack leaves a pair: each user has a password that no secret holds. */
    private static void neverBootstrapped(BlueGreenPair p) throws SQLException {
        p.setPasswordByHand(p.blueUser);
        p.setPasswordByHand(p.greenUser);
    }

    /**
     * Runs the configuration test of {@code arn} in one of its two forms; the copy form goes through the fake's
     * RotateSecret, which stages and removes the version as AWS does. Returns the state the test must leave.
     */
    private static PairSnapshot configurationTest(BlueGreenPair p, String arn, boolean copy) throws SQLException {
        if (copy) {
            PairSnapshot before = PairSnapshot.of(p);
            p.secrets.rotateSecret(b -> b.secretId(arn).rotateImmediately(false));
            return before;
        }
        String token = p.startRotation(arn);
        PairSnapshot before = PairSnapshot.of(p);
        p.step("testSecret", arn, token);
        return before;
    }

    @ParameterizedTest(name = "admin mode {0}, pending holds a copy of AWSCURRENT {1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void onAPairNeverBootstrappedItPassesWarnsAndWritesNothing(boolean adminMode, boolean copy) throws Exception {
        BlueGreenPair p = newPair(adminMode);
        neverBootstrapped(p);
        for (String arn : List.of(p.blueArn, p.greenArn)) {
            PairSnapshot before = configurationTest(p, arn, copy);
            assertEquals(before, PairSnapshot.of(p), "the configuration test writes nothing");
        }
        String log = p.log();
        assertEquals(List.of(StepOutcome.Result.CONFIGURATION_TESTED, StepOutcome.Result.CONFIGURATION_TESTED), p.stepResults(), log);
        assertEquals(2, count(log, "(pending version " + (copy ? "a copy of AWSCURRENT" : "empty")), log);
        for (String user : List.of(p.blueUser, p.greenUser)) {
            assertTrue(log.contains("\"level\":\"WARN\",\"event\":\"testSecret\"") && log.contains("user '" + user
                    + "' does not log in with the AWSCURRENT password"), log);
        }
        assertTrue(log.contains("run the operator CLI's `bootstrap` for this pair"), log);
        assertTrue(log.contains(adminMode ? "the admin may change '" + p.blueUser + "'" : "cannot log in as the user to change"), log);
    }

    @Test
    void onABootstrappedPairItPassesWithoutAWarning() throws Exception {
        BlueGreenPair p = newPair(true);
        PairSnapshot before = configurationTest(p, p.blueArn, true);
        assertEquals(before, PairSnapshot.of(p));
        assertEquals(List.of(StepOutcome.Result.CONFIGURATION_TESTED), p.stepResults());
        assertTrue(p.log().contains("'" + p.blueUser + "' logs in"), p.log());
        assertFalse(p.log().contains("\"WARN\""), p.log());
    }

    // ---------------------------------------------------------------- what would make the next rotation fail

    @Test
    void aMissingPointerFails() throws Exception {
        BlueGreenPair p = newPair(false);
        p.env.put("POINTER_PARAMETER", "/app/db/no-such-pointer");
        assertFailsAndChangesNothing(p, "pointer parameter '/app/db/no-such-pointer' does not exist");
    }

    @Test
    void aPointerNamingNeitherSlotFails() throws Exception {
        BlueGreenPair p = newPair(false);
        p.ssm.putParameter(b -> b.name(BlueGreenPair.POINTER).value("purple").overwrite(true));
        assertFailsAndChangesNothing(p, "pointer '" + BlueGreenPair.POINTER + "' names 'purple', which is neither slot of this"
                + " pair ('blue', 'green')");
    }

    @Test
    void aSecretThatIsNoSlotOfAPairFails() throws Exception {
        BlueGreenPair p = newPair(false);
        p.secrets.untagResource(b -> b.secretId(p.blueArn).tagKeys("bluegreen:peer-secret"));
        assertFailsAndChangesNothing(p, "refused: secret 'app-blue' is not a slot of a blue/green pair: it has no tag"
                + " bluegreen:peer-secret");
    }

    @Test
    void aMissingServiceFails() throws Exception {
        BlueGreenPair p = newPair(false);
        p.env.put("ECS_SERVICES", "web,no-such-service");
        assertFailsAndChangesNothing(p, "no-such-service");
    }

    @Test
    void anAdminThatMayNotChangeTheUserFails() throws Exception {
        BlueGreenPair p = newPair(true);
        p.db.asAdmin("ALTER ROLE " + p.adminUser + " NOCREATEROLE");
        assertFailsAndChangesNothing(p, "admin '" + p.adminUser + "' (masterarn of secret 'app-blue') cannot rotate '"
                + p.blueUser + "': admin '" + p.adminUser + "' has no CREATEROLE");
    }

    @Test
    void anAdminThatDoesNotLogInFails() throws Exception {
        BlueGreenPair p = newPair(true);
        p.setPasswordByHand(p.adminUser);
        assertFailsAndChangesNothing(p, "cannot log in to '127.0.0.1:" + p.db.port() + "' as '" + p.adminUser + "'");
    }

    @Test
    void aDatabaseThatDoesNotAnswerFails() throws Exception {
        BlueGreenPair p = newPair(false);
        String value = p.secretString(p.blueArn, null, "AWSCURRENT").replace("\"port\":" + p.db.port(), "\"port\":1");
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString(value));
        // Pinned, so that the database's silence is what fails (an unpinned port is refused before any connection).
        p.env.put("DB_ENDPOINTS", p.env.get("DB_ENDPOINTS") + ",127.0.0.1:1/" + p.db.dbname());
        assertFailsAndChangesNothing(p, "cannot connect to '127.0.0.1:1' as '" + p.blueUser + "'");
    }

    @Test
    void aSecretThatDoesNotParseFails() throws Exception {
        BlueGreenPair p = newPair(false);
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString("{\"engine\":\"postgres\",\"host\":\"127.0.0.1\"}"));
        assertFailsAndChangesNothing(p, "AWSCURRENT of secret 'app-blue'");
    }

    /** In both forms: the step fails with a message that contains {@code expected}, and nothing changed. */
    private static void assertFailsAndChangesNothing(BlueGreenPair p, String expected) throws SQLException {
        PairSnapshot before = PairSnapshot.of(p);
        RuntimeException copy = assertThrows(RuntimeException.class,
                () -> p.secrets.rotateSecret(b -> b.secretId(p.blueArn).rotateImmediately(false)));
        assertTrue(copy.getMessage().contains(expected), copy.getMessage());
        assertEquals(before, PairSnapshot.of(p), "a failed configuration test changes nothing");

        String token = p.startRotation(p.blueArn);
        before = PairSnapshot.of(p);
        RuntimeException empty = assertThrows(RuntimeException.class, () -> p.step("testSecret", p.blueArn, token));
        assertTrue(empty.getMessage().contains(expected), empty.getMessage());
        assertEquals(before, PairSnapshot.of(p), "a failed configuration test changes nothing");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
