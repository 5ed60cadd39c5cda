package org.bluegreen.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.RotationHandler.RotationFailedException;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.PairSnapshot;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bootstrap} and the stack's connection fields (StackSecretFields), in admin mode on the private
 * password-checking PostgreSQL: day one, when the template has made each secret with a generated password only, it
 * sets the passwords as the admin and then writes the stack's fields; after a stack update that moved the database
 * (docs/deployment.md, "Moving the database endpoint") it proves each unchanged password logs in at the new endpoint
 * and writes the new fields, while rotations in between are refused as UNTRUSTED_ENDPOINT.
 */
class BootstrapStackFieldsTest extends AbstractPairCliTest {

    @Override
    PairCli newPair() throws SQLException {
        PairCli cli = PairCli.adminMode();
        cli.pair.env.put("DB_ENGINE", cli.pair.db.engine());
        cli.pair.env.put("MASTER_SECRET_ARN", cli.pair.adminArn);
        return cli;
    }

    private Map<String, Object> current(String arn) throws Exception {
        return JSON.std.mapFrom(pair.secretString(arn, null, "AWSCURRENT"));
    }

    @Test
    void dayOneItSetsThePasswordsAndCompletesTheSecretsTheStackMade() throws Exception {
        List<String> unknown = BootstrapTest.neverBootstrapped(pair);
        String[] generated = new String[2];
        List<String> arns = List.of(pair.blueArn, pair.greenArn);
        for (int i = 0; i < 2; i++) {
            generated[i] = BlueGreenPair.newPassword();
            pair.leaks.remember(generated[i]);
            String value = "{\"password\":\"" + generated[i] + "\"" + (pair.db.tls() ? "" : ",\"ssl\":false") + "}";
            String arn = arns.get(i);
            pair.secrets.putSecretValue(b -> b.secretId(arn).secretString(value));
        }

        PairCli.Run plan = cli.pairCommand("bootstrap");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().contains("then write a new AWSCURRENT version of " + BlueGreenPair.BLUE_SECRET + " holding the"
                + " stack's engine, host, port, dbname, username, masterarn and its unchanged password"), plan.out());
        assertEquals(List.of(), plan.writes());

        PairCli.Run run = cli.pairCommand("bootstrap", "--yes");

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("the pair is ready for its first rotation"), run.out());
        assertEquals(List.of("PutSecretValue", "PutSecretValue"), run.writes());
        String[] users = {pair.blueUser, pair.greenUser};
        for (int i = 0; i < 2; i++) {
            Map<String, Object> v = current(arns.get(i));
            assertEquals(generated[i], v.get("password"), "the password is unchanged");
            assertEquals(pair.db.engine(), v.get("engine"));
            assertEquals(pair.db.host(), v.get("host"));
            assertEquals(pair.db.port(), ((Number) v.get("port")).intValue());
            assertEquals(pair.db.dbname(), v.get("dbname"));
            assertEquals(users[i], v.get("username"), "from the tag bluegreen:username");
            assertEquals(pair.adminArn, v.get("masterarn"), "from MASTER_SECRET_ARN");
            assertTrue(pair.db.logsIn(users[i], generated[i]));
            assertFalse(pair.db.logsIn(users[i], unknown.get(i)), "the old password is gone");
        }

        PairCli.Run again = cli.pairCommand("bootstrap", "--yes");
        assertEquals(0, again.exit(), again.out());
        assertEquals(List.of(), again.writes(), "idempotent");

        BootstrapTest.redeployTheServicesOnce(pair);
        pair.rotate(pair.blueArn);
        assertTrue(pair.db.logsIn(pair.blueUser, pair.password(pair.blueArn, "AWSCURRENT")));
        assertFalse(pair.db.logsIn(pair.blueUser, generated[0]));
    }

    /** docs/deployment.md, "Moving the database endpoint": the stack update, a rotation in between, then bootstrap --yes. */
    @Test
    void movingTheDatabaseEndpoint() throws Exception {
        try (PostgresTestDatabase moved = new PostgresTestDatabase()) {
            String bluePassword = pair.password(pair.blueArn, "AWSCURRENT");
            String greenPassword = pair.password(pair.greenArn, "AWSCURRENT");
            // The stack update: DbName (here; DbHost and DbPort alike) changes the function's DB_ENDPOINTS.
            pair.env.put("DB_ENDPOINTS", moved.host() + ":" + moved.port() + "/" + moved.dbname());

            String token = pair.startRotation(pair.blueArn);
            PairSnapshot before = PairSnapshot.of(pair);
            RotationFailedException refused = assertThrows(RotationFailedException.class,
                    () -> pair.step("createSecret", pair.blueArn, token));
            assertEquals(Optional.of(Refusal.Reason.UNTRUSTED_ENDPOINT), refused.outcome().refusal());
            assertEquals(before, PairSnapshot.of(pair), "a rotation between the update and bootstrap changes nothing");

            PairCli.Run plan = cli.pairCommand("bootstrap");
            assertEquals(0, plan.exit(), plan.out() + plan.err());
            assertTrue(plan.out().contains("write a new AWSCURRENT version of " + BlueGreenPair.GREEN_SECRET
                    + " holding the stack's dbname and its unchanged password, after proving that password logs in at '"
                    + moved.host() + ":" + moved.port() + "/" + moved.dbname() + "'"), plan.out());
            assertEquals(List.of(), plan.writes());

            PairCli.Run run = cli.pairCommand("bootstrap", "--yes");

            assertEquals(0, run.exit(), run.out() + run.err());
            assertEquals(List.of("PutSecretValue", "PutSecretValue"), run.writes());
            assertEquals(moved.dbname(), current(pair.blueArn).get("dbname"));
            assertEquals(moved.dbname(), current(pair.greenArn).get("dbname"));
            assertEquals(bluePassword, pair.password(pair.blueArn, "AWSCURRENT"), "passwords unchanged");
            assertEquals(greenPassword, pair.password(pair.greenArn, "AWSCURRENT"));
            assertTrue(pair.db.logsIn(pair.blueUser, bluePassword) && pair.db.logsIn(pair.greenUser, greenPassword));

            // The next rotation goes to the new endpoint.
            pair.rotate(pair.blueArn);
            String rotated = pair.password(pair.blueArn, "AWSCURRENT");
            assertEquals(moved.dbname(), current(pair.blueArn).get("dbname"));
            assertTrue(moved.logsIn(pair.blueUser, rotated));
            assertFalse(moved.logsIn(pair.blueUser, bluePassword));
        }
    }
}
