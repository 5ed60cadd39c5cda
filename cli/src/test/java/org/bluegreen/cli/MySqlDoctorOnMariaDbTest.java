package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The doctor on a MariaDB pair; this MariaDB has TLS off. */
class MySqlDoctorOnMariaDbTest extends MySqlDoctorTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mariaDb();
    }

    @Test
    void aDatabaseWithoutTlsFailsTheTlsCheckWhenTheSecretAsksForIt() {
        assertFalse(pair.db.tls(), "this test needs a MariaDB without TLS");
        String withTls = pair.secretJson(pair.greenUser, pair.password(GREEN_SECRET, "AWSCURRENT"), null)
                .replace("\"ssl\":false", "\"ssl\":true");
        pair.secrets.putSecretValue(b -> b.secretId(GREEN_SECRET).secretString(withTls));
        assertEquals("FAIL", levels(doctor()).get("tls"));
    }
}
