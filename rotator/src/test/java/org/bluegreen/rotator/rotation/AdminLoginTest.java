package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.secret.DbSecret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminLoginTest {

    private static final String SLOT = "{\"engine\":\"postgres\",\"host\":\"db.internal\",\"port\":5432,\"username\":\"app_blue\","
            + "\"password\":\"pw\",\"dbname\":\"app\",\"masterarn\":\"arn:admin\"}";
    private static final String RDS_MANAGED = "{\"username\":\"admin\",\"password\":\"adminpw\"}";
    private static final List<DbEndpoint> PINNED = pins("db.internal:5432/app");

    private static List<DbEndpoint> pins(String value) {
        return FunctionSettings.fromEnvironment(Map.of("DB_ENDPOINTS", value)).dbEndpoints();
    }

    private static DbSecret slot(String json) {
        return DbSecret.parse(json, "slot");
    }

    @Test
    void anRdsManagedAdminSecretLogsInToThePinnedEndpointWithTls() {
        DbSecret login = AdminLogin.of(slot(SLOT), RDS_MANAGED, PINNED, "admin");
        assertEquals("admin", login.username());
        assertEquals("db.internal", login.host());
        assertEquals(5432, login.port());
        assertEquals("app", login.dbname());
        assertTrue(login.ssl());
    }

    @Test
    void anRdsManagedAdminSecretWithoutPinsIsRefused() {
        Refusal e = assertThrows(Refusal.class, () -> AdminLogin.of(slot(SLOT), RDS_MANAGED, List.of(), "admin"));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("admin names no host"), e.getMessage());
    }

    @Test
    void aSlotSecretOffThePinnedEndpointsIsRefused() {
        for (String forged : List.of(SLOT.replace("5432", "6666"), SLOT.replace("db.internal", "evil.example"),
                SLOT.replace("\"app\"", "\"other\""))) {
            Refusal e = assertThrows(Refusal.class, () -> AdminLogin.of(slot(forged), RDS_MANAGED, PINNED, "admin"));
            assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("which is not one of DB_ENDPOINTS ['db.internal:5432/app']"), e.getMessage());
        }
    }

    @Test
    void anAdminSecretWithAHostIsUsedOnlyOnItsOwnEndpoint() {
        String admin = "{\"host\":\"db.internal\",\"port\":5432,\"username\":\"admin\",\"password\":\"adminpw\",\"dbname\":\"postgres\"}";
        DbSecret login = AdminLogin.of(slot(SLOT), admin, List.of(), "admin");
        assertEquals("db.internal", login.host());
        assertEquals("postgres", login.dbname(), "the admin's own database");
        Refusal e = assertThrows(Refusal.class,
                () -> AdminLogin.of(slot(SLOT.replace("5432", "6666")), admin, List.of(), "admin"));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, e.reason());
        assertEquals("refused: admin is for 'db.internal:5432', but the slot's secret names 'db.internal:6666';"
                + " the admin's password goes only to its own endpoint", e.getMessage());
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, assertThrows(Refusal.class,
                () -> AdminLogin.of(slot(SLOT), admin.replace("db.internal", "other.internal"), List.of(), "admin")).reason());
    }

    @Test
    void tlsIsNeverWeakerThanEitherSecretAsks() {
        String slotWithoutTls = SLOT.replace("}", ",\"ssl\":false}");
        assertTrue(AdminLogin.of(slot(slotWithoutTls), RDS_MANAGED, PINNED, "admin").ssl(), "the slot cannot turn TLS off for the admin");
        String adminWithoutTls = "{\"username\":\"admin\",\"password\":\"adminpw\",\"ssl\":false}";
        assertTrue(AdminLogin.of(slot(SLOT), adminWithoutTls, PINNED, "admin").ssl(), "the slot asks for TLS");
        assertFalse(AdminLogin.of(slot(slotWithoutTls), adminWithoutTls, PINNED, "admin").ssl(), "off only when both say so");
    }

    @Test
    void pinsWithoutADatabaseAllowAnyDatabaseOnThatServer() {
        assertEquals("other", AdminLogin.of(slot(SLOT.replace("\"app\"", "\"other\"")), RDS_MANAGED, pins("DB.internal:5432"), "admin").dbname());
    }
}
