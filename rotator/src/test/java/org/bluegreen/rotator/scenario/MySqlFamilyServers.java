package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.Assumptions;

import java.sql.SQLException;

/**
 * The MySQL and the MariaDB server for tests that are about one of the two (each test class says which by the
 * method it calls); tests about both run once per server through a subclass for each. Each call is a new
 * administration scope: what it makes is dropped on close.
 *
 * <p>Until the test-server seam of testkit provides both, both come from {@code MYSQL_HOST}/{@code MYSQL_PORT}
 * ({@link MariaDbServer#fromEnvironment()}), which names one server: the tests for the other family are reported as
 * skipped, saying so.
 */
public final class MySqlFamilyServers {

    private MySqlFamilyServers() {
    }

    /** A MariaDB server. */
    public static MariaDbServer mariaDb() {
        return of(true);
    }

    /** A MySQL server (Oracle's). */
    public static MariaDbServer mySql() {
        return of(false);
    }

    private static MariaDbServer of(boolean mariaDb) {
        MariaDbServer server = MariaDbServer.fromEnvironment();
        boolean isMariaDb;
        try {
            isMariaDb = server.isMariaDb();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the version of " + server, e);
        }
        Assumptions.assumeTrue(isMariaDb == mariaDb, "MYSQL_HOST/MYSQL_PORT name a " + (isMariaDb ? "MariaDB" : "MySQL")
                + " server; these tests are about " + (mariaDb ? "MariaDB" : "MySQL"));
        return server;
    }
}
