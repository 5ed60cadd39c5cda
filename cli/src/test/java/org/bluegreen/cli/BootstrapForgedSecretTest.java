package org.bluegreen.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.PairSnapshot;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's forged-secret cases against {@code bootstrap --yes} in admin mode, on a real password-checking
 * PostgreSQL: someone with only {@code secretsmanager:PutSecretValue} on a slot secret writes a new AWSCURRENT, then an
 * operator runs bootstrap. Each case must be refused by the rotation's own rule with its reason, exit 1, and change
 * nothing: every database password that logged in before still does (the admin's, both slot users', a bystander's),
 * the forged password logs in as nobody, and no AWS write is made. {@link BootstrapForgedSecretOnMariaDbTest} runs
 * every case on a private MariaDB. The pair is a day-one pair (neither user has its
 * password yet, the stack has just written the pointer), so without the forgery bootstrap would set both passwords.
 */
class BootstrapForgedSecretTest extends AbstractPairCliTest {

    /** The password each user had before bootstrap ran. */
    private final Map<String, String> before = new LinkedHashMap<>();
    private String bystander;

    /** The database the pair lives in: the private PostgreSQL here, a private MariaDB in the subclass. */
    TestDatabase newDatabase() throws SQLException {
        return new PostgresTestDatabase();
    }

    @Override
    PairCli newPair() throws SQLException {
        PairCli cli = new PairCli(BlueGreenPair.adminMode(newDatabase()));
        // The stack's configuration, as the template gives the function: the engine and the admin secret.
        cli.pair.env.put("DB_ENGINE", cli.pair.db.engine());
        cli.pair.env.put("MASTER_SECRET_ARN", cli.pair.adminArn);
        return cli;
    }

    @BeforeEach
    void aDayOnePairAndABystander() throws SQLException {
        before.put(pair.adminUser, pair.adminPassword);
        List<String> unknown = BootstrapTest.neverBootstrapped(pair);
        before.put(pair.blueUser, unknown.get(0));
        before.put(pair.greenUser, unknown.get(1));
        bystander = DbNames.unique("other");
        String bystanderPassword = BlueGreenPair.newPassword();
        pair.leaks.remember(bystanderPassword);
        pair.db.createAppUser(bystander, bystanderPassword);
        before.put(bystander, bystanderPassword);
        BootstrapTest.stackJustWroteThePointer(pair);
    }

    /** Writes a new AWSCURRENT on {@code arn} as the attacker would: the value with {@code changes} and a password they chose. */
    private String forge(String arn, Map<String, Object> changes) throws Exception {
        Map<String, Object> value = new LinkedHashMap<>(JSON.std.mapFrom(pair.secretString(arn, null, "AWSCURRENT")));
        String forgedPassword = "Forged-" + BlueGreenPair.newPassword();
        pair.leaks.remember(forgedPassword);
        value.put("password", forgedPassword);
        value.putAll(changes);
        String json = JSON.std.asString(value);
        pair.secrets.putSecretValue(b -> b.secretId(arn).secretString(json));
        return forgedPassword;
    }

    /** Runs {@code bootstrap --yes} and checks the refusal, the exit code and that nothing changed anywhere. */
    private PairCli.Run assertRefusedAndNothingChanged(String forgedPassword, Refusal.Reason reason, String says) throws Exception {
        PairSnapshot snapshot = PairSnapshot.of(pair);

        PairCli.Run run = cli.pairCommand("bootstrap", "--yes");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains(reason.name() + ": refused: ") && run.out().contains(says), run.out());
        assertTrue(run.out().contains("Nothing changed: resolve what blocks the bootstrap first."), run.out());
        assertFalse(run.out().contains("\nDid\n"), run.out());
        assertEquals(List.of(), run.writes(), "no AWS write");
        assertEquals(snapshot, PairSnapshot.of(pair));
        for (Map.Entry<String, String> user : before.entrySet()) {
            assertTrue(pair.db.logsIn(user.getKey(), user.getValue()), "'" + user.getKey() + "' still logs in as before");
            assertFalse(pair.db.logsIn(user.getKey(), forgedPassword), "the forged password logs in as '" + user.getKey() + "'");
        }

        PairCli.Run json = cli.pairCommand("bootstrap", "--yes", "--json");
        assertEquals(1, json.exit());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refusals = (List<Map<String, Object>>) json.json().get("refusals");
        assertTrue(refusals.stream().anyMatch(r -> reason.name().equals(r.get("reason"))), json.out());
        assertEquals(false, json.json().get("applied"));
        return run;
    }

    @Test
    void theAdminsOwnUserIsRefused() throws Exception {
        String forged = forge(pair.blueArn, Map.of("username", pair.adminUser));
        assertRefusedAndNothingChanged(forged, Refusal.Reason.PROTECTED_USER,
                "names user '" + pair.adminUser + "', the admin's own user (masterarn)");
    }

    @Test
    void theLiveSlotsUserNamedInTheOtherSlotIsRefused() throws Exception {
        String forged = forge(pair.blueArn, Map.of("username", pair.greenUser));
        assertRefusedAndNothingChanged(forged, Refusal.Reason.PROTECTED_USER,
                "names user '" + pair.greenUser + "', the user of the other slot 'green'");
    }

    @Test
    void aLoginOtherThanThePinnedUsernameIsRefused() throws Exception {
        String forged = forge(pair.blueArn, Map.of("username", bystander));
        assertRefusedAndNothingChanged(forged, Refusal.Reason.PROTECTED_USER,
                "names user '" + bystander + "', but slot 'blue' is pinned to user '" + pair.blueUser + "' (tag bluegreen:username)");
    }

    @Test
    void aMasterarnNamingThePeerIsRefused() throws Exception {
        String forged = forge(pair.blueArn, Map.of("masterarn", pair.greenArn));
        assertRefusedAndNothingChanged(forged, Refusal.Reason.UNTRUSTED_ADMIN,
                "masterarn names secret '" + BlueGreenPair.GREEN_SECRET + "', the pair's other slot");
    }

    @Test
    void aMasterarnNamingAnotherAdminThanTheStacksIsRefused() throws Exception {
        String otherAdmin = pair.secrets.createSecret("someone-elses-admin", pair.secretString(pair.adminArn, null, "AWSCURRENT"));
        String forged = forge(pair.blueArn, Map.of("masterarn", otherAdmin));
        assertRefusedAndNothingChanged(forged, Refusal.Reason.UNTRUSTED_ADMIN,
                "but the stack's admin secret (the function's MASTER_SECRET_ARN) is " + pair.adminArn);
    }

    /** The live slot's own secret forged while the app runs on it: services deployed after the pointer named it. */
    @Test
    void aForgedPasswordOnTheLiveSlotWhileServicesRunOnItIsRefused() throws Exception {
        BlueGreenPair.SERVICES.forEach(s -> pair.ecs.updateService(b -> b.cluster(BlueGreenPair.CLUSTER).service(s).forceNewDeployment(true)));
        pair.clock.advance(Duration.ofMinutes(1));
        String forged = forge(pair.greenArn, Map.of());
        assertRefusedAndNothingChanged(forged, Refusal.Reason.ACTIVE_SLOT,
                "secret '" + BlueGreenPair.GREEN_SECRET + "' is slot 'green', which pointer '" + BlueGreenPair.POINTER
                        + "' names, and the app may run on it: service 'web' was deployed after the pointer last changed");
    }

    /** The same with no deployment since the pointer changed, but the app holding a database session as the live user. */
    @Test
    void aForgedPasswordOnTheLiveSlotWhileItsUserHasSessionsIsRefused() throws Exception {
        try (Connection app = pair.db.connect(pair.greenUser, before.get(pair.greenUser))) {
            String forged = forge(pair.greenArn, Map.of());
            assertRefusedAndNothingChanged(forged, Refusal.Reason.ACTIVE_SLOT, "user '" + pair.greenUser + "' still has 1 live database session");
            assertFalse(app.isClosed());
        }
    }
}
