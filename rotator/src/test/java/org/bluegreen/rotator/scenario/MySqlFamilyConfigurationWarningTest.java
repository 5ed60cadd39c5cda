package org.bluegreen.rotator.scenario;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.MariaDbServer;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration test on MariaDB (RotateImmediately=false, before any rotation) warns where each rotation will have
 * to send the new password as it is: an account that authenticates by ed25519 beside mysql_native_password, whose
 * ed25519 key MariaDB derives from the password itself. An account on the native method alone (green) is not warned of.
 */
class MySqlFamilyConfigurationWarningTest {

    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void aPasswordThatMustGoInPlaintextIsWarnedOfBeforeTheFirstRotation(boolean adminMode) throws Exception {
        MariaDbServer scope = MySqlFamilyServers.mariaDb();
        BlueGreenPair p = adminMode ? BlueGreenPair.adminMode(new MySqlFamilyTestDatabase(scope))
                : BlueGreenPair.selfService(new MySqlFamilyTestDatabase(scope));
        try {
            String password = DbSecret.parse(p.secrets.getSecretValue(GetSecretValueRequest.builder().secretId(p.blueArn)
                    .build()).secretString(), "blue").password();
            try (Connection c = scope.adminConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519'")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        s.execute("INSTALL SONAME 'auth_ed25519'");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("ALTER USER ?@'%' IDENTIFIED VIA mysql_native_password"
                        + " USING PASSWORD(?) OR ed25519 USING PASSWORD(?)")) {
                    ps.setString(1, p.blueUser);
                    ps.setString(2, password);
                    ps.setString(3, password);
                    ps.execute();
                }
            }
            for (String arn : new String[]{p.blueArn, p.greenArn}) {
                p.step("testSecret", arn, p.startRotation(arn));
            }
            String log = p.log();
            assertTrue(log.contains("\"level\":\"WARN\",\"event\":\"testSecret\"") && log.contains(
                    "each rotation will send the new password of '" + p.blueUser + "' to the database in plaintext"), log);
            assertFalse(log.contains("new password of '" + p.greenUser + "'"), log);
            p.leaks.assertNoneIn(log, "the log");
        } finally {
            p.close();
        }
    }
}
