package org.bluegreen.testkit.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the tests' MySQL-family server ({@link TestServers#mysqlFamily()}: a private MariaDB unless MYSQL_HOST/MYSQL_PORT
 * name one); fails (does not skip) without it.
 */
class MariaDbServerTest {

    private MariaDbServer db;

    @BeforeEach
    void connect() {
        db = MariaDbServer.fromEnvironment();
    }

    @AfterEach
    void cleanUp() throws SQLException {
        db.close();
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void rightPasswordIsAcceptedAndWrongOneRejectedWith1045() throws Exception {
        String user = db.createUser(DbNames.unique("app"), "127.0.0.1", "Right-pw-1");
        try (Connection c = db.connect(user, "Right-pw-1", null)) {
            assertEquals(user + "@127.0.0.1", scalar(c, "SELECT CURRENT_USER()"));
        }
        SQLException e = assertThrows(SQLException.class, () -> db.connect(user, "wrong-pw", null).close());
        assertEquals(1045, e.getErrorCode(), e.toString());
        assertEquals("28000", e.getSQLState());
    }

    @Test
    void changedPasswordLocksOutTheOldOne() throws Exception {
        String user = db.createUser(DbNames.unique("app"), "127.0.0.1", "old-pw");
        db.setPassword(user, "127.0.0.1", "new-pw");
        SQLException e = assertThrows(SQLException.class, () -> db.connect(user, "old-pw", null).close());
        assertEquals(1045, e.getErrorCode());
        try (Connection c = db.connect(user, "new-pw", null)) {
            assertEquals("1", scalar(c, "SELECT 1"));
        }
    }

    @Test
    void grantedUserWorksInItsDatabase() throws Exception {
        String schema = db.createDatabase(DbNames.unique("appdb"));
        String user = db.createUser(DbNames.unique("app"), "%", "pw");
        db.grantAllOn(schema, user, "%");
        try (Connection c = db.connect(user, "pw", schema); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT)");
            s.execute("INSERT INTO t VALUES (7)");
            assertEquals("7", scalar(c, "SELECT id FROM t"));
        }
    }

    @Test
    void generalLogCapturesStatementsButNotPasswordsSetThroughTheKit() throws Exception {
        db.enableGeneralLog();
        String password = "plain-" + DbNames.unique("secret");
        String marker = DbNames.unique("marker");
        String user = db.createUser(DbNames.unique("app"), "127.0.0.1", password);
        try (Connection c = db.connect(user, password, null)) {
            scalar(c, "SELECT '" + marker + "'");
        }
        String log = db.generalLog();
        assertTrue(log.contains("SELECT '" + marker + "'"), log);
        assertTrue(log.contains("IDENTIFIED BY PASSWORD '" + MariaDbServer.nativePasswordHash(password) + "'"), log);
        assertFalse(log.contains(password), "plaintext password in the general log");
    }

    @Test
    void generalLogWouldCatchAPlaintextPassword() throws Exception {
        // The check above means something only if the server logs statements verbatim: MySQL 5.7+
        // rewrites passwords in its general log, MariaDB does not. Show that this server does not.
        db.enableGeneralLog();
        String user = db.createUser(DbNames.unique("app"), "127.0.0.1", "x");
        String leaked = "leak-" + DbNames.unique("pw");
        try (Connection c = db.adminConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + leaked + "'");
        }
        String log = db.generalLog();
        if (db.serverVersion().contains("MariaDB")) {
            assertTrue(log.contains(leaked), "MariaDB logs the plaintext verbatim: " + log);
        }
        try (Connection c = db.connect(user, leaked, null)) {
            assertEquals("1", scalar(c, "SELECT 1"));
        }
    }

    @Test
    void generalLogSettingsAreRestoredOnClose() throws Exception {
        String before;
        try (Connection c = db.adminConnection()) {
            before = scalar(c, "SELECT CONCAT(@@GLOBAL.general_log, '/', @@GLOBAL.log_output)");
        }
        try (MariaDbServer other = MariaDbServer.fromEnvironment()) {
            other.enableGeneralLog();
            try (Connection c = db.adminConnection()) {
                assertEquals("1", scalar(c, "SELECT @@GLOBAL.general_log"));
            }
        }
        try (Connection c = db.adminConnection()) {
            assertEquals(before, scalar(c, "SELECT CONCAT(@@GLOBAL.general_log, '/', @@GLOBAL.log_output)"));
        }
    }

    @Test
    void closeDropsEveryUserAndDatabaseItMadeOrTracked() throws Exception {
        String user;
        String cloned;
        String schema;
        Connection stillOpen;
        try (MariaDbServer scoped = MariaDbServer.fromEnvironment()) {
            schema = scoped.createDatabase(DbNames.unique("appdb"));
            user = scoped.createUser(DbNames.unique("master"), "%", "pw");
            scoped.grantGlobal("CREATE USER", user, "%", true);
            scoped.grantAllOn(schema, user, "%");
            cloned = DbNames.unique("clone");
            stillOpen = scoped.connect(user, "pw", schema);
            try (Statement s = stillOpen.createStatement()) {
                // what a rotation does: the master user makes a clone user
                s.execute("CREATE USER '" + cloned + "'@'%' IDENTIFIED BY PASSWORD '"
                        + MariaDbServer.nativePasswordHash("c") + "'");
            }
            scoped.trackUser(cloned, "%");
            assertTrue(db.userExists(user, "%") && db.userExists(cloned, "%") && db.databaseExists(schema));
        }
        assertFalse(db.databaseExists(schema), schema);
        assertFalse(db.userExists(user, "%"), user);
        assertFalse(db.userExists(cloned, "%"), cloned);
        assertFalse(stillOpen.isValid(2), "the dropped user's session was ended");
        stillOpen.close();
    }

    @Test
    void nativePasswordHashMatchesTheServers() throws Exception {
        try (Connection c = db.adminConnection()) {
            assertEquals(scalar(c, "SELECT PASSWORD('h\u00e9llo w0rld')"), MariaDbServer.nativePasswordHash("h\u00e9llo w0rld"));
        }
    }

    @Test
    void serverVersionIsReported() throws Exception {
        assertTrue(db.serverVersion().matches("\\d+\\.\\d+\\.\\d+.*"), db.serverVersion());
    }

    @Test
    void anUnreachableServerFailsNamingWhereAndAsWhom() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MariaDbServer.at("127.0.0.1", closedPort, "root", ""));
        assertTrue(e.getMessage().startsWith("MariaDB/MySQL not usable at 127.0.0.1:" + closedPort + " as admin 'root'"),
                e.getMessage());
    }

    @Test
    void tlsIsToldApartByATlsLoginNotByAServerVariable() throws Exception {
        if (!TestServers.externalConfigured()) {
            assertFalse(db.speaksTls(), "the default private MariaDB has no certificate");
        }
        try (PrivateMySqlServer tls = PrivateMySqlServer.mariaDb(true); MariaDbServer scope = tls.newScope()) {
            assertTrue(scope.speaksTls());
        }
    }

    @Test
    void aMySqlRootWithoutMysqldSaysWhatToBuild(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PrivateMySqlServer.mySql(empty));
        assertTrue(e.getMessage().contains("has no usr/sbin/mysqld (build it with `.ci/images roots`"), e.getMessage());
    }
}
