package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.TlsMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.SQLException;

/**
 * The same scenarios over TLS: a private MariaDB with a certificate, so the secrets keep {@code ssl} at its default
 * (on) and every rotation connection runs with {@code sslMode=REQUIRED}, as in production. One server for the class.
 */
class MySqlFamilyTlsRotationTest extends RotationScenarios {

    private static TlsMariaDb server;

    @BeforeAll
    static void start() {
        server = TlsMariaDb.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    TestDatabase newDatabase() throws SQLException {
        MySqlFamilyTestDatabase db = new MySqlFamilyTestDatabase(server.newScope());
        if (!db.tls()) {
            throw new IllegalStateException("the private MariaDB has no TLS");
        }
        return db;
    }

    @Override
    String hostileUserName() {
        return "b'\"`\\;-- " + DbNames.unique("x");
    }
}
