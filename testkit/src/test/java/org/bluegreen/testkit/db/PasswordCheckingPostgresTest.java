package org.bluegreen.testkit.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordCheckingPostgresTest {

    private final PasswordCheckingPostgres pg = PasswordCheckingPostgres.shared();

    private Connection connect(String db, String user, String password, String sslmode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", sslmode);
        p.setProperty("connectTimeout", "10");
        if (sslmode.startsWith("verify")) {
            p.setProperty("sslrootcert", pg.sslRootCert().toString());
        }
        return DriverManager.getConnection(pg.jdbcUrl(db), p);
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void rightPasswordIsAcceptedAndWrongOneRejectedWith28P01() throws Exception {
        try (var scope = pg.scope()) {
            String role = scope.createLoginRole(DbNames.unique("app"), "Right-pw-1");
            try (Connection c = connect("postgres", role, "Right-pw-1", "disable")) {
                assertEquals(role, scalar(c, "SELECT current_user"));
            }
            SQLException e = assertThrows(SQLException.class,
                    () -> connect("postgres", role, "wrong-pw", "disable").close());
            assertEquals("28P01", e.getSQLState(), e.toString());
        }
    }

    @Test
    void changedPasswordLocksOutTheOldOne() throws Exception {
        try (var scope = pg.scope()) {
            String role = scope.createLoginRole(DbNames.unique("app"), "old-pw");
            pg.setPassword(role, "new-pw");
            SQLException e = assertThrows(SQLException.class,
                    () -> connect("postgres", role, "old-pw", "disable").close());
            assertEquals("28P01", e.getSQLState());
            try (Connection c = connect("postgres", role, "new-pw", "disable")) {
                assertEquals(role, scalar(c, "SELECT current_user"));
            }
        }
    }

    @Test
    void statementLogCapturesStatementsButNeverThePlaintextPassword() throws Exception {
        String password = "plain-" + DbNames.unique("secret");
        String marker = DbNames.unique("marker");
        long mark = pg.serverLogPosition();
        try (var scope = pg.scope()) {
            String role = scope.createLoginRole(DbNames.unique("app"), password);
            try (Connection c = connect("postgres", role, password, "disable")) {
                scalar(c, "SELECT '" + marker + "'");
            }
            String log = pg.serverLogSince(mark);
            assertTrue(log.contains("SELECT '" + marker + "'"), log);
            assertTrue(log.contains("CREATE ROLE \"" + role + "\" LOGIN"), log);
            assertTrue(log.contains("SCRAM-SHA-256$4096:"), "the verifier, not the password, is sent: " + log);
            assertFalse(log.contains(password), "plaintext password in the server log");
            assertFalse(pg.serverLog().contains(password), "plaintext password in the server log");
        }
    }

    @Test
    void tlsIsOfferedAndVerifiableAndPlaintextStillAllowed() throws Exception {
        assertTrue(pg.sslEnabled(), "TLS off: " + pg.sslProblem());
        try (var scope = pg.scope()) {
            String role = scope.createLoginRole(DbNames.unique("app"), "tls-pw");
            String inUse = "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
            for (String mode : new String[] {"require", "verify-ca", "verify-full"}) {
                try (Connection c = connect("postgres", role, "tls-pw", mode)) {
                    assertEquals("true", scalar(c, inUse), mode);
                }
            }
            try (Connection c = connect("postgres", role, "tls-pw", "disable")) {
                assertEquals("false", scalar(c, inUse));
            }
            SQLException e = assertThrows(SQLException.class,
                    () -> connect("postgres", role, "wrong", "require").close());
            assertEquals("28P01", e.getSQLState());
        }
    }

    @Test
    void scopeDropsItsRolesAndDatabasesEvenWhenTheyOwnObjects() throws Exception {
        String owner;
        String other;
        String db;
        try (var scope = pg.scope()) {
            owner = scope.createLoginRole(DbNames.unique("owner"), "pw1", "CREATEROLE");
            other = scope.trackRole(DbNames.unique("clone"));
            db = scope.createDatabase(DbNames.unique("appdb"), owner);
            try (Connection c = connect(db, owner, "pw1", "disable"); Statement s = c.createStatement()) {
                // what a rotation does: the master user makes a clone user and grants it things
                s.execute("CREATE TABLE t (id int)");
                s.execute("CREATE ROLE \"" + other + "\" LOGIN");
                s.execute("GRANT SELECT ON t TO \"" + other + "\"");
            }
            // an object owned by the role in another database that the scope does not drop
            try (Connection c = pg.adminConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA \"" + owner + "\" AUTHORIZATION \"" + owner + "\"");
            }
            assertTrue(pg.roleExists(owner) && pg.roleExists(other) && pg.databaseExists(db));
        }
        assertFalse(pg.databaseExists(db), db);
        assertFalse(pg.roleExists(owner), owner);
        assertFalse(pg.roleExists(other), other);
    }

    @Test
    void aPrivateServerStartsOnItsOwnPortAndStopsOnClose() throws Exception {
        Path log;
        int port;
        try (PasswordCheckingPostgres own = PasswordCheckingPostgres.start()) {
            port = own.port();
            assertNotEquals(pg.port(), port);
            log = own.serverLogFile();
            try (Connection c = own.adminConnection()) {
                assertTrue(scalar(c, "SHOW server_version").startsWith("14."));
                assertEquals("scram-sha-256", scalar(c, "SHOW password_encryption"));
                assertEquals("all", scalar(c, "SHOW log_statement"));
            }
        }
        assertFalse(Files.exists(log), "work dir removed");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&sslmode=disable&connectTimeout=5")
                .close());
        assertEquals("08001", e.getSQLState());
    }
}
