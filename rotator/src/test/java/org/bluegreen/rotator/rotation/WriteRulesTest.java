package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.Environments;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.secret.DbSecret;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The write rules on values alone (no database, no AWS): each rule's refusal and reason, and that the set runs them
 * all. The same rules on a real database, through the Lambda and through the CLI, are in the attack scenarios and the
 * CLI's BootstrapForgedSecretTest.
 */
class WriteRulesTest {

    private static final String BLUE_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-blue-AbCdEf";
    private static final String GREEN_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-green-GhIjKl";
    private static final String ADMIN_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-MnOpQr";
    private static final String OTHER_ADMIN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:someone-StUvWx";
    private static final SlotPair PAIR = new SlotPair("blue", "app_blue", "green", "app_green", GREEN_ARN, "app-green");
    private static final SecretMetadata BLUE = new SecretMetadata(BLUE_ARN, "app-blue", true, Map.of(), Map.of());

    private final Map<String, String> adminSecrets = new HashMap<>(Map.of(
            ADMIN_ARN, "{\"username\":\"master\",\"password\":\"admin-pw\"}",
            OTHER_ADMIN, "{\"username\":\"master\",\"password\":\"admin-pw\"}"));

    private static final Map<String, String> STACK = Map.of("DB_ENGINE", "postgres", "DB_ENDPOINTS", "db.example.com:5432/appdb",
            "MASTER_SECRET_ARN", ADMIN_ARN);

    private static FunctionSettings settings(String... changes) {
        return Environments.settings(STACK, changes);
    }

    private WriteRules rules(FunctionSettings settings) {
        return new WriteRules(BLUE, PAIR, settings, arn -> Optional.ofNullable(adminSecrets.get(arn)));
    }

    private static DbSecret blue(String... changes) {
        Map<String, String> f = new java.util.LinkedHashMap<>(Map.of("engine", "\"postgres\"", "host", "\"db.example.com\"",
                "port", "5432", "dbname", "\"appdb\"", "username", "\"app_blue\"", "password", "\"pw\"",
                "masterarn", "\"" + ADMIN_ARN + "\""));
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                f.remove(changes[i]);
            } else {
                f.put(changes[i], changes[i + 1]);
            }
        }
        StringBuilder json = new StringBuilder("{");
        f.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return DbSecret.parse(json.append('}').toString(), "test");
    }

    private Refusal refused(FunctionSettings settings, DbSecret version) {
        return assertThrows(Refusal.class, () -> rules(settings).check(version, "AWSCURRENT of secret 'app-blue'"));
    }

    @Test
    void theSlotsOwnUserOnThePinnedEndpointWithTheStacksAdminPasses() {
        Optional<Login> admin = rules(settings()).check(blue(), "AWSCURRENT of secret 'app-blue'");
        assertEquals("master", admin.orElseThrow().secret().username());
        assertEquals("db.example.com", admin.get().secret().host(), "the RDS-managed admin goes to the pinned endpoint");
        assertTrue(rules(settings()).check(blue("masterarn", null), "x").isEmpty(), "self-service: no admin");
    }

    @Test
    void theAdminsOwnUserIsProtected() {
        Refusal r = refused(settings(), blue("username", "\"master\""));
        assertEquals(Refusal.Reason.PROTECTED_USER, r.reason());
        assertTrue(r.getMessage().contains("names user 'master', the admin's own user (masterarn)"), r.getMessage());
    }

    @Test
    void theOtherSlotsUserIsProtected() {
        Refusal r = refused(settings(), blue("username", "\"app_green\""));
        assertEquals(Refusal.Reason.PROTECTED_USER, r.reason());
        assertTrue(r.getMessage().contains("the user of the other slot 'green'"), r.getMessage());
    }

    @Test
    void anyUserButThePinnedOneIsProtected() {
        Refusal r = refused(settings(), blue("username", "\"postgres\""));
        assertEquals(Refusal.Reason.PROTECTED_USER, r.reason());
        assertTrue(r.getMessage().contains("but slot 'blue' is pinned to user 'app_blue' (tag bluegreen:username)"), r.getMessage());
    }

    @Test
    void anEndpointOutsideDbEndpointsIsUntrusted() {
        Refusal r = refused(settings(), blue("port", "5433"));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, r.reason());
        assertTrue(r.getMessage().contains("names database 'db.example.com:5433/appdb', which is not one of DB_ENDPOINTS"), r.getMessage());
    }

    @Test
    void anEngineOfAnotherFamilyThanDbEngineIsUntrusted() {
        Refusal r = refused(settings(), blue("engine", "\"mysql\""));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, r.reason());
        assertEquals("refused: AWSCURRENT of secret 'app-blue' names engine 'mysql', but the stack's database is 'postgres'"
                + " (the function's DB_ENGINE)", r.getMessage());
        assertDoesNotThrow(() -> rules(settings()).check(blue("engine", "\"aurora-postgresql\""), "x"), "same family");
        assertDoesNotThrow(() -> rules(settings("DB_ENGINE", null, "DB_ENDPOINTS", "db.example.com:3306/appdb"))
                .check(blue("engine", "\"mysql\"", "port", "3306"), "x"), "without DB_ENGINE the rule has nothing to hold to");
    }

    @Test
    void aMasterarnNamingThePeerOrThisSlotIsAnUntrustedAdmin() {
        for (String peer : List.of(GREEN_ARN, "app-green", GREEN_ARN.substring(0, GREEN_ARN.length() - 7))) {
            Refusal r = refused(settings("MASTER_SECRET_ARN", null), blue("masterarn", "\"" + peer + "\""));
            assertEquals(Refusal.Reason.UNTRUSTED_ADMIN, r.reason());
            assertTrue(r.getMessage().contains("masterarn names secret 'app-green', the pair's other slot"), r.getMessage());
        }
        Refusal self = refused(settings("MASTER_SECRET_ARN", null), blue("masterarn", "\"app-blue\""));
        assertEquals(Refusal.Reason.UNTRUSTED_ADMIN, self.reason());
        assertTrue(self.getMessage().contains("this slot itself"), self.getMessage());
    }

    @Test
    void withMasterSecretArnSetOnlyTheStacksAdminIsTrusted() {
        Refusal r = refused(settings(), blue("masterarn", "\"" + OTHER_ADMIN + "\""));
        assertEquals(Refusal.Reason.UNTRUSTED_ADMIN, r.reason());
        assertEquals("refused: masterarn of secret 'app-blue' names '" + OTHER_ADMIN + "', but the stack's admin secret (the"
                + " function's MASTER_SECRET_ARN) is " + ADMIN_ARN, r.getMessage());
        assertDoesNotThrow(() -> rules(settings("MASTER_SECRET_ARN", null)).check(blue("masterarn", "\"" + OTHER_ADMIN + "\""), "x"),
                "without MASTER_SECRET_ARN any admin secret of its own may be named");
        assertDoesNotThrow(() -> TrustedAdmin.check(ADMIN_ARN.substring(0, ADMIN_ARN.length() - 7), BLUE_ARN, "app-blue", PAIR,
                ADMIN_ARN), "the partial ARN names the same secret");
    }

    @Test
    void aSlotSecretCannotTurnTlsOffForAnAdminThatAsksForIt() {
        adminSecrets.put(ADMIN_ARN, "{\"username\":\"master\",\"password\":\"admin-pw\",\"ssl\":true}");
        Login admin = rules(settings()).check(blue("ssl", "false"), "x").orElseThrow();
        assertTrue(admin.secret().ssl());
    }
}
