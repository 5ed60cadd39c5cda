package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.PrivateMySqlServer;
import org.bluegreen.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.SQLException;

/**
 * The same scenarios over TLS: a private MariaDB with a certificate, so the secrets keep {@code ssl} at its default
 * (on) and every rotation connection runs with {@code sslMode=REQUIRED}, as in production. One server for the class.
 */
class MySqlFamilyTlsRotationTest extends MySqlFamilyScenarios {

    private static PrivateMySqlServer server;

    @BeforeAll
    static void start() {
        server = PrivateMySqlServer.mariaDb(true);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    TestDatabase newDatabase() throws SQLException {
        MySqlFamilyTestDatabase db = new MySqlFamilyTestDatabase(server);
        if (!db.tls()) {
            throw new IllegalStateException("the private MariaDB has no TLS");
        }
        return db;
    }
}
