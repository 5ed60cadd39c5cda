package org.bluegreen.simulator;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.db.MySqlServer;
import org.bluegreen.simulator.db.SimulationUsers;
import org.bluegreen.simulator.report.Progress;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.simulator.strategy.WorldResult;
import org.bluegreen.testkit.db.PrivateMySqlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --tls} on the MySQL family: the secrets say {@code "ssl": true}, so the rotator and every task demand TLS
 * ({@code sslMode=REQUIRED}). On a private MariaDB with a certificate (the default one has TLS off).
 */
class MariaDbTlsSimulationTest {

    @Test
    void blueGreenRotatesWithTlsAndNoLoginFails(@TempDir Path dir) throws Exception {
        try (PrivateMySqlServer tls = PrivateMySqlServer.mariaDb(true); MySqlServer database = MySqlServer.open(tls.newScope(), true)) {
            assertTrue(database.describe().endsWith("(TLS)"), database.describe());
            try (SimulationUsers users = new SimulationUsers(database)) {
                String password = SimulationUsers.newPassword();
                users.create("bgsim_tls_check", password);
                DbSecret secret = DbSecret.parse(JSON.std.asString(users.secretValue("bgsim_tls_check", password)), "test");
                assertTrue(secret.ssl());
                try (Connection c = database.login(secret, "test"); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
                    assertTrue(rs.next());
                    assertFalse(rs.getString(2).isEmpty(), "a task's session is encrypted");
                }
            }
            SimulationConfig config = ShortSimulation.config(dir.resolve("report.html"), 5, 1,
                    List.of(StrategyKind.BLUEGREEN));
            WorldResult blueGreen = Simulation.run(config, database, Progress.silent()).world(StrategyKind.BLUEGREEN);
            assertEquals(2, blueGreen.rotationsDone());
            assertEquals(0, blueGreen.rotationsRefused() + blueGreen.rotationsFailed());
            assertEquals(0, blueGreen.loginsFailed());
            assertTrue(blueGreen.loginsAttempted() > 0);
        }
    }
}
