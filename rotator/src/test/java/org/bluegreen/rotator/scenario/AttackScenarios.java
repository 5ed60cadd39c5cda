package org.bluegreen.rotator.scenario;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.RotationHandler.RotationFailedException;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.RecordingDatabaseServer;
import org.bluegreen.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker with only {@code secretsmanager:PutSecretValue} on the inactive slot's secret (blue; the app runs on
 * green) tries each attack of issue 9 against a real database and the AWS fakes. Where a password could leave, a
 * {@link RecordingDatabaseServer} on 127.0.0.1 stands in for the attacker's server and must receive nothing. Every
 * case checks the message, the database (who logs in with which known password), every AWS-side state (both
 * secrets' versions, labels and values, the admin secret, the pointer, each service's deployments) and the fake.
 * Subclasses supply the engine.
 */
abstract class AttackScenarios {

    private BlueGreenPair pair;
    private RecordingDatabaseServer forged;

    abstract TestDatabase newDatabase() throws SQLException;

    /** The attacker's server, speaking this engine's protocol. */
    abstract RecordingDatabaseServer newForgedServer() throws IOException;

    /** SQL that leaves {@code user} unable to log in (NOLOGIN, a locked account). */
    abstract String lockOutSql(String user);

    /** The longest user name the engine keeps exactly as given. */
    abstract int longestName();

    /** What the role check says about a user made by {@link TestDatabase#createAdmin}. */
    abstract String adminPowerNamed();

    private BlueGreenPair adminMode() throws SQLException {
        return pair = BlueGreenPair.adminMode(newDatabase());
    }

    private BlueGreenPair selfService() throws SQLException {
        return pair = BlueGreenPair.selfService(newDatabase());
    }

    /** The attacker's server, and blue's AWSCURRENT pointing at it without TLS ({@code extra} forged as well). */
    private RecordingDatabaseServer aimBlueAtAForgedServer(BlueGreenPair p, Map<String, Object> extra) throws IOException {
        forged = newForgedServer();
        Map<String, Object> changes = new LinkedHashMap<>(Map.of("host", forged.host(), "port", forged.port(), "ssl", false));
        changes.putAll(extra);
        forgeBlue(p, changes);
        return forged;
    }

    @AfterEach
    void noSecretInLogsAndCleanUp() throws Exception {
        if (forged != null) {
            forged.close();
        }
        if (pair != null) {
            pair.leaks.assertNoneIn(pair.log(), "the rotation log");
            pair.close();
        }
    }

    // ---------------------------------------------------------------- 1. the admin password and a forged endpoint

    @Test
    void theAdminPasswordNeverGoesToAForgedPort() throws Exception {
        BlueGreenPair p = adminMode();
        RecordingDatabaseServer evil = aimBlueAtAForgedServer(p, Map.of());
        assertRotationRefused(p, Refusal.Reason.UNTRUSTED_ENDPOINT, "which is not one of DB_ENDPOINTS");
        assertNothingReached(p, evil);
    }

    /** Even where DB_ENDPOINTS pins the other endpoint too (one function, several databases). */
    @Test
    void anAdminSecretWithAHostIsUsedOnlyOnItsOwnEndpoint() throws Exception {
        BlueGreenPair p = adminMode();
        String adminWithHost = adminJson(p, Map.of("host", p.db.host(), "port", p.db.port()));
        p.secrets.putSecretValue(b -> b.secretId(p.adminArn).secretString(adminWithHost));
        RecordingDatabaseServer evil = aimBlueAtAForgedServer(p, Map.of());
        pinAlso(p, evil);
        assertRotationRefused(p, Refusal.Reason.UNTRUSTED_ENDPOINT, "the admin's password goes only to its own endpoint");
        assertNothingReached(p, evil);
    }

    @Test
    void withoutPinnedEndpointsNothingIsRotated() throws Exception {
        BlueGreenPair p = adminMode();
        p.env.remove("DB_ENDPOINTS");
        RecordingDatabaseServer evil = aimBlueAtAForgedServer(p, Map.of());
        assertRotationRefused(p, Refusal.Reason.UNTRUSTED_ENDPOINT, "the function's DB_ENDPOINTS pins no database");
        assertNothingReached(p, evil);
    }

    @Test
    void withoutPinnedEndpointsNothingIsRotated_selfService() throws Exception {
        BlueGreenPair p = selfService();
        p.env.remove("DB_ENDPOINTS");
        RecordingDatabaseServer evil = aimBlueAtAForgedServer(p, Map.of());
        assertRotationRefused(p, Refusal.Reason.UNTRUSTED_ENDPOINT, "the function's DB_ENDPOINTS pins no database");
        assertNothingReached(p, evil);
    }

    @Test
    void aMasterarnNamingTheLiveSlotIsRefused() throws Exception {
        BlueGreenPair p = adminMode();
        RecordingDatabaseServer evil = aimBlueAtAForgedServer(p, Map.of("masterarn", p.greenArn));
        pinAlso(p, evil);
        assertRotationRefused(p, Refusal.Reason.UNTRUSTED_ADMIN, "masterarn names secret '" + BlueGreenPair.GREEN_SECRET + "', the pair's other slot");
        assertNothingReached(p, evil);
        assertTrue(p.db.logsIn(p.greenUser, p.password(p.greenArn, "AWSCURRENT")));
    }

    /** Even on an endpoint the operator pinned, a slot secret's {@code "ssl": false} cannot turn TLS off for the admin. */
    @Test
    void theSlotSecretCannotTurnTlsOffForTheAdmin() throws Exception {
        BlueGreenPair p = adminMode();
        String adminAskingForTls = adminJson(p, Map.of());
        p.secrets.putSecretValue(b -> b.secretId(p.adminArn).secretString(adminAskingForTls));
        RecordingDatabaseServer evil = aimBlueAtAForgedServer(p, Map.of());
        pinAlso(p, evil);

        String token = p.startRotation(p.blueArn);
        PairSnapshot before = PairSnapshot.of(p);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step("createSecret", p.blueArn, token));
        assertTrue(e.getMessage().contains("cannot"), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
        assertFalse(evil.connections().isEmpty(), "the client did connect, and asked for TLS");
        assertNothingSentBeyondTheTlsRequest(evil);
    }

    /** A pending version may differ from AWSCURRENT only in its password: here it would turn TLS off. */
    @Test
    void aPendingVersionThatChangesMoreThanThePasswordIsRefused() throws Exception {
        BlueGreenPair p = selfService();
        String token = p.startRotation(p.blueArn);
        Map<String, Object> value = new LinkedHashMap<>(JSON.std.mapFrom(p.secretString(p.blueArn, null, "AWSCURRENT")));
        value.put("ssl", !p.db.tls());
        value.put("password", BlueGreenPair.newPassword());
        String pending = JSON.std.asString(value);
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).clientRequestToken(token).secretString(pending).versionStages("AWSPENDING"));
        PairSnapshot before = PairSnapshot.of(p);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step("setSecret", p.blueArn, token));
        assertEquals(Optional.of(Refusal.Reason.IDENTITY_CHANGED), e.outcome().refusal());
        assertTrue(e.getMessage().contains("names another user or host than AWSCURRENT (or another port, database, masterarn"
                + " or TLS setting)"), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
    }

    // ---------------------------------------------------------------- 2, 3. users the rotation never changes

    @Test
    void theAdminsOwnUserIsNeverRotated() throws Exception {
        BlueGreenPair p = adminMode();
        forgeBlue(p, Map.of("username", p.adminUser));
        assertRotationRefused(p, Refusal.Reason.PROTECTED_USER, "names user '" + p.adminUser + "', the admin's own user (masterarn)");
    }

    @Test
    void theLiveSlotsUserIsNeverRotated() throws Exception {
        BlueGreenPair p = adminMode();
        p.env.put("LIVE_SESSION_CHECK", "warn");
        forgeBlue(p, Map.of("username", p.greenUser));
        assertRotationRefused(p, Refusal.Reason.PROTECTED_USER, "names user '" + p.greenUser + "', the user of the other slot 'green'");
    }

    @Test
    void theLiveSlotsUserIsNeverRotated_selfService() throws Exception {
        BlueGreenPair p = selfService();
        forgeBlue(p, Map.of("username", p.greenUser));
        assertRotationRefused(p, Refusal.Reason.PROTECTED_USER, "names user '" + p.greenUser + "', the user of the other slot 'green'");
    }

    @Test
    void anyUserButTheSlotsPinnedOneIsRefused() throws Exception {
        BlueGreenPair p = adminMode();
        String other = DbNames.unique("other");
        p.db.createAppUser(other, BlueGreenPair.newPassword());
        forgeBlue(p, Map.of("username", other));
        assertRotationRefused(p, Refusal.Reason.PROTECTED_USER, "names user '" + other + "', but slot 'blue' is pinned to user '" + p.blueUser + "'");
    }

    // ---------------------------------------------------------------- 6. users that are unsafe to change, even when pinned

    @Test
    void aUserWithAdministrativePowerIsRefused() throws Exception {
        BlueGreenPair p = adminMode();
        String powerful = DbNames.unique("power");
        String password = BlueGreenPair.newPassword();
        p.leaks.remember(password);
        p.db.createAdmin(powerful, password);
        repinBlue(p, powerful);
        assertRotationRefused(p, Refusal.Reason.PROTECTED_USER, "names a user the rotation must not change: role '" + powerful + "' has " + adminPowerNamed(),
                "'" + powerful + "' has " + adminPowerNamed());
        assertTrue(p.db.logsIn(powerful, password));
    }

    @Test
    void aUserThatCannotLogInIsRefused() throws Exception {
        BlueGreenPair p = adminMode();
        String group = DbNames.unique("group");
        p.db.createAppUser(group, BlueGreenPair.newPassword());
        p.db.asAdmin(lockOutSql(group));
        repinBlue(p, group);
        assertRotationRefused(p, Refusal.Reason.PROTECTED_USER, "names a user the rotation must not change");
    }

    @Test
    void aNameTheEngineWouldTruncateIsRefused() throws Exception {
        BlueGreenPair p = adminMode();
        String prefix = DbNames.unique("n");
        String victim = prefix + "v".repeat(longestName() - prefix.length());
        String password = BlueGreenPair.newPassword();
        p.leaks.remember(password);
        p.db.createAppUser(victim, password);
        repinBlue(p, victim + "x");
        assertRotationRefused(p, Refusal.Reason.PROTECTED_USER, "the user name is longer than " + longestName());
        assertTrue(p.db.logsIn(victim, password), "the user the truncated name would hit keeps its password");
    }

    // ---------------------------------------------------------------- 4. only a configured slot of a pair

    @Test
    void rotatingTheAdminSecretWithThisFunctionIsRefused() throws Exception {
        BlueGreenPair p = adminMode();
        p.secrets.enableRotation(p.adminArn, BlueGreenPair.FUNCTION, "rate(30 days)");
        assertRefused(p, p.adminArn, Refusal.Reason.NOT_A_SLOT, "secret 'rds-admin' is not a slot of a blue/green pair: it has no tag bluegreen:slot");
    }

    @Test
    void aSecretThatClaimsToBeASlotButIsNotNamedBackIsRefused() throws Exception {
        BlueGreenPair p = selfService();
        String intruder = p.secrets.createSecret("intruder", p.secretString(p.blueArn, null, "AWSCURRENT"));
        p.secrets.tagResource(b -> b.secretId(intruder).tags(tag("bluegreen:slot", "red"),
                tag("bluegreen:username", p.blueUser), tag("bluegreen:peer-secret", BlueGreenPair.GREEN_SECRET)));
        p.secrets.enableRotation(intruder, BlueGreenPair.FUNCTION, "rate(30 days)");
        assertRefused(p, intruder, Refusal.Reason.NOT_A_SLOT, "its peer secret '" + BlueGreenPair.GREEN_SECRET + "' names '" + BlueGreenPair.BLUE_SECRET
                + "' as its peer, not this secret");
    }

    // ---------------------------------------------------------------- 5. finishSecret for a version already current

    @Test
    void finishSecretDoesNotMoveThePointerToAHandWrittenPasswordThatDoesNotLogIn() throws Exception {
        BlueGreenPair p = selfService();
        String mistyped = p.secretString(p.blueArn, null, "AWSCURRENT").replace(p.password(p.blueArn, "AWSCURRENT"), "Mistyped-1");
        String version = p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString(mistyped)).versionId();
        PairSnapshot before = PairSnapshot.of(p);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step("finishSecret", p.blueArn, version));
        assertEquals(Optional.of(Refusal.Reason.UNTESTED_CREDENTIALS), e.outcome().refusal());
        assertTrue(e.getMessage().contains("refused: version " + version + " of secret 'app-blue' is already AWSCURRENT, but its"
                + " password does not log in"), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
        assertEquals("green", p.pointer().value());
    }

    @Test
    void finishSecretMovesThePointerToAHandWrittenPasswordThatLogsIn() throws Exception {
        BlueGreenPair p = selfService();
        String password = p.setPasswordByHand(p.blueUser);
        String value = p.secretString(p.blueArn, null, "AWSCURRENT").replace(p.password(p.blueArn, "AWSCURRENT"), password);
        String version = p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString(value)).versionId();
        p.step("finishSecret", p.blueArn, version);
        assertEquals("blue", p.pointer().value());
    }

    // ---------------------------------------------------------------- 6. strict parsing

    @Test
    void aPortThatWrapsAroundIsRefused() throws Exception {
        BlueGreenPair p = selfService();
        forgeBlue(p, Map.of("port", 4294967296L + p.db.port()));
        assertRotationFailsUnchanged(p, "field 'port' must be a whole number from 1 to 65535");
    }

    @Test
    void aFractionalPortIsRefused() throws Exception {
        BlueGreenPair p = selfService();
        forgeBlueRaw(p, p.secretString(p.blueArn, null, "AWSCURRENT").replace("\"port\":" + p.db.port(), "\"port\":" + p.db.port() + ".9"));
        assertRotationFailsUnchanged(p, "field 'port' must be a whole number from 1 to 65535");
    }

    @Test
    void aDuplicateKeyIsNamed() throws Exception {
        BlueGreenPair p = selfService();
        forgeBlueRaw(p, p.secretString(p.blueArn, null, "AWSCURRENT").replace("}", ",\"username\":\"" + p.greenUser + "\"}"));
        assertRotationFailsUnchanged(p, "field 'username' appears more than once");
    }

    @Test
    void unknownFieldsSurviveARotationExactlyNullsIncluded() throws Exception {
        BlueGreenPair p = selfService();
        String unknown = "\"note\":null,\"weight\":1.50,\"tags\":{\"a\":null,\"b\":[1,null]}";
        forgeBlueRaw(p, p.secretString(p.blueArn, null, "AWSCURRENT").replace("}", "," + unknown + "}"));
        p.rotate(p.blueArn);
        assertTrue(p.secretString(p.blueArn, null, "AWSCURRENT").endsWith("," + unknown + "}"),
                p.secretString(p.blueArn, null, "AWSCURRENT").replace(p.password(p.blueArn, "AWSCURRENT"), "***"));
        assertEquals("blue", p.pointer().value());
    }

    // ---------------------------------------------------------------- 9. control characters in untrusted values

    @Test
    void aHostWithANewlineIsRefusedAndShownEscaped() throws Exception {
        BlueGreenPair p = selfService();
        forgeBlue(p, Map.of("host", p.db.host() + "\n"));
        RotationFailedException e = createSecretFailsUnchanged(p, p.blueArn, "names database '" + p.db.host() + "\\n:");
        assertShownEscapedOnly(p, e, p.db.host() + "\\n:");
    }

    @Test
    void aTagWithANewlineIsRefusedAndShownEscaped() throws Exception {
        BlueGreenPair p = selfService();
        p.secrets.tagResource(b -> b.secretId(p.blueArn).tags(tag("bluegreen:username", p.blueUser + "\nINFO forged")));
        RotationFailedException e = createSecretFailsUnchanged(p, p.blueArn, "'" + p.blueUser + "\\nINFO forged'");
        assertShownEscapedOnly(p, e, p.blueUser + "\\nINFO forged");
    }

    @Test
    void anEventFieldWithANewlineIsRefusedAndShownEscaped() throws Exception {
        BlueGreenPair p = selfService();
        String token = p.startRotation(p.blueArn);
        PairSnapshot before = PairSnapshot.of(p);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.handler().handle(new HashMap<>(
                Map.of("Step", "createSecret\r\n", "SecretId", p.blueArn, "ClientRequestToken", token))));
        assertTrue(e.getMessage().contains("unknown rotation step 'createSecret\\r\\n'"), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
        assertShownEscapedOnly(p, e, "createSecret\\r\\n");
    }

    /**
     * The step's exception message and its JSON log line show {@code escaped} (the value with its control characters
     * as backslash escapes) and no raw line break: a text log of either shows only lines the function wrote.
     */
    private static void assertShownEscapedOnly(BlueGreenPair p, RotationFailedException e, String escaped) throws IOException {
        assertTrue(e.getMessage().contains(escaped), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        List<String> lines = p.log().lines().toList();
        String detail = String.valueOf(JSON.std.mapFrom(lines.get(lines.size() - 1)).get("detail"));
        assertTrue(detail.contains(escaped), p.log());
        assertFalse(detail.contains("\n") || detail.contains("\r"), p.log());
        for (String line : lines) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "every log line is one JSON object: " + line);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The attacker's PutSecretValue on blue: AWSCURRENT with {@code changes} applied (the old value becomes AWSPREVIOUS). */
    private static void forgeBlue(BlueGreenPair p, Map<String, Object> changes) throws IOException {
        Map<String, Object> value = new LinkedHashMap<>(JSON.std.mapFrom(p.secretString(p.blueArn, null, "AWSCURRENT")));
        value.putAll(changes);
        forgeBlueRaw(p, JSON.std.asString(value));
    }

    private static void forgeBlueRaw(BlueGreenPair p, String json) {
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString(json));
    }

    /**
     * What an operator might do by mistake (TagResource, not the attacker's right): pin blue to {@code user}; and the
     * attacker's value naming it.
     */
    private static void repinBlue(BlueGreenPair p, String user) throws IOException {
        p.secrets.tagResource(b -> b.secretId(p.blueArn).tags(tag("bluegreen:username", user)));
        forgeBlue(p, Map.of("username", user));
    }

    /** DB_ENDPOINTS names the forged server too, as a list for several databases might: the other rules must hold. */
    private static void pinAlso(BlueGreenPair p, RecordingDatabaseServer evil) {
        p.env.put("DB_ENDPOINTS", p.env.get("DB_ENDPOINTS") + "," + evil.host() + ":" + evil.port() + "/" + p.db.dbname());
    }

    private static String adminJson(BlueGreenPair p, Map<String, Object> extra) throws IOException {
        Map<String, Object> admin = new LinkedHashMap<>(Map.of("username", p.adminUser, "password", p.adminPassword));
        admin.putAll(extra);
        return JSON.std.asString(admin);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** A rotation of blue refused at createSecret, before anything changed. */
    private static void assertRotationRefused(BlueGreenPair p, Refusal.Reason reason, String... expected) throws SQLException {
        assertRefused(p, p.blueArn, reason, expected);
    }

    /** createSecret refuses with a message containing one of {@code expected}; nothing changed anywhere. */
    private static void assertRefused(BlueGreenPair p, String secretArn, Refusal.Reason reason, String... expected) throws SQLException {
        assertEquals(Optional.of(reason), createSecretFailsUnchanged(p, secretArn, expected).outcome().refusal());
    }

    /** A rotation of blue fails at createSecret (bad input, not a guard), before anything changed. */
    private static void assertRotationFailsUnchanged(BlueGreenPair p, String expected) throws SQLException {
        createSecretFailsUnchanged(p, p.blueArn, expected);
    }

    /** createSecret fails with a message containing one of {@code expected}, and changes nothing; returns the failure. */
    private static RotationFailedException createSecretFailsUnchanged(BlueGreenPair p, String secretArn, String... expected) throws SQLException {
        String token = p.startRotation(secretArn);
        PairSnapshot before = PairSnapshot.of(p);
        String adminValue = p.adminArn == null ? null : p.secretString(p.adminArn, null, "AWSCURRENT");
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step("createSecret", secretArn, token));
        assertTrue(List.of(expected).stream().anyMatch(e.getMessage()::contains), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
        assertThrows(RuntimeException.class, () -> p.secretString(secretArn, token, "AWSPENDING"), "no pending value written");
        if (p.adminArn != null) {
            assertEquals(adminValue, p.secretString(p.adminArn, null, "AWSCURRENT"), "the admin secret is as it was");
            assertTrue(p.db.logsIn(p.adminUser, p.adminPassword), "the admin's password is unchanged");
        }
        return e;
    }

    private static void assertNothingReached(BlueGreenPair p, RecordingDatabaseServer evil) {
        assertEquals(List.of(), evil.connections(), "nothing connected to the forged endpoint");
        for (String password : p.leaks.known()) {
            assertFalse(evil.received(password));
        }
    }

    /** The client asked for TLS, was declined and stopped: no user name, no password, no scramble. */
    private void assertNothingSentBeyondTheTlsRequest(RecordingDatabaseServer evil) {
        for (RecordingDatabaseServer.Connection c : evil.connections()) {
            assertNull(c.user(), "no login was attempted");
            assertFalse(c.contains(pair.adminUser), "not even the admin's user name");
            for (String password : pair.leaks.known()) {
                assertFalse(c.contains(password));
            }
        }
    }
}
