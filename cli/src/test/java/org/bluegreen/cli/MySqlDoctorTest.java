package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.MariaDbServer;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor's database checks on a MySQL-family pair, run on MySQL and on MariaDB ({@link MySqlDoctorOnMySqlTest},
 * {@link MySqlDoctorOnMariaDbTest}).
 */
abstract class MySqlDoctorTest extends AbstractPairCliTest {

    /** A new administration scope on the server these tests are about. */
    abstract MariaDbServer newServer();

    @Override
    PairCli newPair() throws SQLException {
        return new PairCli(BlueGreenPair.selfService(new MySqlFamilyTestDatabase(newServer())));
    }

    /**
     * TLS is a warning either way here: off where the server offers none (the secrets say {@code "ssl": false}), or
     * on without a CA bundle to verify the certificate MySQL made for itself.
     */
    @Test
    void aHealthyPairPassesWithATlsWarning() {
        Map<String, String> levels = levels(doctor());
        assertEquals("PASS", levels.get("login"));
        assertEquals("PASS", levels.get("grants"));
        assertEquals("PASS", levels.get("sessions"));
        assertEquals("WARN", levels.get("tls"));
        assertFalse(levels.containsValue("FAIL"), levels.toString());
    }

    @Test
    void grantDriftAndALiveSessionOnTheInactiveUserFail() throws SQLException {
        pair.db.asAdmin("REVOKE DELETE ON " + pair.db.dbname() + ".* FROM '" + pair.blueUser + "'@'%'");
        try (Connection task = pair.db.connect(pair.blueUser, pair.password(BLUE_SECRET, "AWSCURRENT"))) {
            Map<String, String> levels = levels(doctor());
            assertEquals("FAIL", levels.get("grants"));
            assertEquals("FAIL", levels.get("sessions"));
        }
    }

    /** Options that MySQL's SHOW GRANTS does not show; the doctor reads them from SHOW CREATE USER. */
    @Test
    void accountOptionDriftFailsTheGrantsCheck() throws SQLException {
        pair.db.asAdmin("ALTER USER '" + pair.greenUser + "'@'%' WITH MAX_USER_CONNECTIONS 5",
                "ALTER USER '" + pair.greenUser + "'@'%' PASSWORD EXPIRE INTERVAL 90 DAY");
        List<Map<String, Object>> checks = doctor();
        assertEquals("FAIL", levels(checks).get("grants"));
        String grants = checks.stream().filter(c -> "grants".equals(c.get("check"))).map(Object::toString).findFirst().orElseThrow();
        assertTrue(grants.contains("only '" + pair.greenUser + "': ROLE: MAX_USER_CONNECTIONS 5")
                && grants.contains("only '" + pair.greenUser + "': ROLE: PASSWORD EXPIRE INTERVAL 90 DAY"), grants);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> doctor() {
        return (List<Map<String, Object>>) cli.pairCommand("doctor", "--json").json().get("checks");
    }

    /** The worst level of each check. */
    static Map<String, String> levels(List<Map<String, Object>> checks) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (Map<String, Object> check : checks) {
            levels.merge((String) check.get("check"), (String) check.get("status"),
                    (a, b) -> a.equals("FAIL") || b.equals("FAIL") ? "FAIL" : a.equals("WARN") || b.equals("WARN") ? "WARN" : "PASS");
        }
        return levels;
    }
}
