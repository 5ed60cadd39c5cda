package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The doctor's database checks on a MySQL-family pair (the local MariaDB, which has TLS off). */
class MySqlDoctorTest extends AbstractPairCliTest {

    @Override
    PairCli newPair() throws SQLException {
        return new PairCli(BlueGreenPair.selfService(new MySqlFamilyTestDatabase()));
    }

    @Test
    void aHealthyPairPassesAndTlsOffIsAWarning() {
        Map<String, String> levels = doctor();
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
            Map<String, String> levels = doctor();
            assertEquals("FAIL", levels.get("grants"));
            assertEquals("FAIL", levels.get("sessions"));
        }
    }

    @Test
    void aDatabaseWithoutTlsFailsTheTlsCheckWhenTheSecretAsksForIt() {
        String withTls = pair.secretJson(pair.greenUser, pair.password(GREEN_SECRET, "AWSCURRENT"), null)
                .replace("\"ssl\":false", "\"ssl\":true");
        pair.secrets.putSecretValue(b -> b.secretId(GREEN_SECRET).secretString(withTls));
        Map<String, String> levels = doctor();
        assertEquals("FAIL", levels.get("tls"));
    }

    /** The worst level of each check. */
    @SuppressWarnings("unchecked")
    private Map<String, String> doctor() {
        Map<String, String> levels = new LinkedHashMap<>();
        for (Map<String, Object> check : (List<Map<String, Object>>) cli.pairCommand("doctor", "--json").json().get("checks")) {
            levels.merge((String) check.get("check"), (String) check.get("status"),
                    (a, b) -> a.equals("FAIL") || b.equals("FAIL") ? "FAIL" : a.equals("WARN") || b.equals("WARN") ? "WARN" : "PASS");
        }
        return levels;
    }
}
