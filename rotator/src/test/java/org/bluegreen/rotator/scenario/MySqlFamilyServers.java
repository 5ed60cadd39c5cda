package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MariaDbServer;
import org.bluegreen.testkit.db.MySqlFamilyServer;
import org.bluegreen.testkit.db.TestServers;
import org.bluegreen.testkit.db.TestServers.Provider;

import java.sql.SQLException;

/**
 * The MySQL and the MariaDB server for the engine and doctor tests that are about one of the two (each test class
 * says which by the method it calls; what holds for both runs once per server through a subclass for each). Each
 * call is a new administration scope: what it makes is dropped on close.
 *
 * <ul>
 *   <li>MariaDB: the server {@code MYSQL_HOST}/{@code MYSQL_PORT} name where that is a MariaDB, else the private
 *       {@code mariadbd} ({@link TestServers#mariaDb}), which the README's prerequisites give: no MariaDB fails.</li>
 *   <li>MySQL: the named server where that is a MySQL, else a container where a Docker engine answers, else the
 *       private {@code mysqld} of {@code BLUEGREEN_MYSQL_ROOT}; without either, the tests are skipped with what to
 *       install (failed where {@code BLUEGREEN_REQUIRE_ALL_PROVIDERS=true}).</li>
 * </ul>
 */
public final class MySqlFamilyServers {

    private MySqlFamilyServers() {
    }

    /** A MariaDB server. */
    public static MariaDbServer mariaDb() {
        MariaDbServer external = externalIf(true);
        return external != null ? external : TestServers.mariaDb(Provider.LOCAL).newScope();
    }

    /** A MySQL server (Oracle's). */
    public static MariaDbServer mySql() {
        MariaDbServer external = externalIf(false);
        if (external != null) {
            return external;
        }
        try {
            return ProviderScenarios.provided(() -> mySqlServer().newScope());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot administer the tests' MySQL", e);
        }
    }

    /** The container where a Docker engine answers; else the private mysqld (whose refusal says what to set). */
    private static MySqlFamilyServer mySqlServer() {
        return TestServers.mySql(TestServers.dockerAvailable() ? Provider.CONTAINER : Provider.LOCAL);
    }

    /** The server the environment names, when it is of the wanted family; else null. */
    private static MariaDbServer externalIf(boolean mariaDb) {
        if (!TestServers.externalConfigured()) {
            return null;
        }
        MariaDbServer server = TestServers.mariaDb(Provider.EXTERNAL).newScope();
        try {
            if (server.isMariaDb() == mariaDb) {
                return server;
            }
            server.close();
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the version of " + server, e);
        }
    }
}
