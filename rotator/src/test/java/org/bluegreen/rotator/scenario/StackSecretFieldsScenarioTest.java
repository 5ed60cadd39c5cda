package org.bluegreen.rotator.scenario;

import org.bluegreen.rotator.RotationHandler.RotationFailedException;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.rotation.StepOutcome;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slot secret as the template now creates it: a generated password and no connection fields (the stack's
 * configuration holds them: DB_ENGINE, DB_ENDPOINTS, MASTER_SECRET_ARN, the bluegreen:username tag). The
 * configuration test checks the stack's fields instead and warns that bootstrap has not run; a real rotation is
 * refused as NOT_BOOTSTRAPPED and changes nothing. On the private password-checking PostgreSQL.
 */
class StackSecretFieldsScenarioTest {

    private BlueGreenPair pair;

    @AfterEach
    void noSecretInLogsAndCleanUp() throws SQLException {
        if (pair != null) {
            pair.leaks.assertNoneIn(pair.log(), "the log");
            pair.close();
        }
    }

    /** The stack's configuration in the function's environment, and both secrets holding only a generated password. */
    private BlueGreenPair asTheStackMadeIt(boolean adminMode) throws SQLException {
        pair = adminMode ? BlueGreenPair.adminMode(new PostgresTestDatabase()) : BlueGreenPair.selfService(new PostgresTestDatabase());
        pair.env.put("DB_ENGINE", pair.db.engine());
        if (adminMode) {
            pair.env.put("MASTER_SECRET_ARN", pair.adminArn);
        }
        for (String arn : List.of(pair.blueArn, pair.greenArn)) {
            String generated = BlueGreenPair.newPassword();
            pair.leaks.remember(generated);
            String value = "{\"password\":\"" + generated + "\"" + (pair.db.tls() ? "" : ",\"ssl\":false") + "}";
            pair.secrets.putSecretValue(b -> b.secretId(arn).secretString(value));
        }
        return pair;
    }

    @ParameterizedTest(name = "admin mode {0}")
    @CsvSource({"true", "false"})
    void theConfigurationTestChecksTheStacksFieldsWarnsAndWritesNothing(boolean adminMode) throws Exception {
        BlueGreenPair p = asTheStackMadeIt(adminMode);
        for (String arn : List.of(p.blueArn, p.greenArn)) {
            PairSnapshot before = PairSnapshot.of(p);
            p.secrets.rotateSecret(b -> b.secretId(arn).rotateImmediately(false));
            assertEquals(before, PairSnapshot.of(p), "the configuration test writes nothing");
        }
        String log = p.log();
        assertTrue(log.contains("AWSCURRENT of secret 'app-blue' holds no connection fields yet: `bluegreen bootstrap` has not"
                + " run for this pair (--blue app-blue --green app-green)"), log);
        assertTrue(log.contains("AWSCURRENT of secret 'app-green' holds no connection fields yet"), log);
        assertEquals(List.of(StepOutcome.Result.CONFIGURATION_TESTED, StepOutcome.Result.CONFIGURATION_TESTED), p.stepResults(), log);
        // The user comes from the slot's tag and, in admin mode, the admin from MASTER_SECRET_ARN, whose rights were read.
        assertTrue(log.contains("user '" + p.blueUser + "' does not log in with the AWSCURRENT password"), log);
        if (adminMode) {
            assertTrue(log.contains("the admin may change '" + p.blueUser + "'"), log);
        }
    }

    @Test
    void aRotationOfASecretTheStackMadeIsRefusedUntilBootstrap() throws Exception {
        BlueGreenPair p = asTheStackMadeIt(true);
        String token = p.startRotation(p.blueArn);
        PairSnapshot before = PairSnapshot.of(p);

        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step("createSecret", p.blueArn, token));

        assertEquals(Optional.of(Refusal.Reason.NOT_BOOTSTRAPPED), e.outcome().refusal());
        assertTrue(e.getMessage().contains("AWSCURRENT of secret 'app-blue' holds no connection fields yet (the stack creates"
                + " a slot secret with a password only): run `bluegreen bootstrap` for this pair (--blue app-blue --green"
                + " app-green)"), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
    }
}
