package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySqlEngine on MySQL (Oracle's server; 9.7 here): the tests of {@link MySqlEngineTest}, plus what only MySQL has:
 * the current password demanded at self-service ({@code PASSWORD REQUIRE CURRENT}, {@code password_require_current}),
 * {@code mysql_native_password} gone or off, {@code performance_schema.processlist}, caching_sha2 without TLS.
 */
class MySqlEngineOnMySqlTest extends MySqlEngineTest {

    /** ER_MISSING_CURRENT_PASSWORD and ER_INCORRECT_CURRENT_PASSWORD. */
    private static final int MISSING_CURRENT_PASSWORD = 3892;
    private static final int INCORRECT_CURRENT_PASSWORD = 3891;

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mySql();
    }

    /** MySQL rewrites the statement in its general log: the password shows as {@code <secret>}. */
    @Override
    String loggedAdminChange(String newPassword) {
        return "IDENTIFIED BY <secret>";
    }

    @Override
    String loggedSelfChange(String newPassword) {
        return "IDENTIFIED BY <secret> REPLACE <secret>";
    }

    /** caching_sha2_password, MySQL's default: its hash is salted and made by the server, so the literal is sent. */
    @Override
    String userWhosePasswordGoesAsALiteral(String password) throws SQLException {
        return appUser(password);
    }

    @Test
    void selfServiceProvesTheCurrentPassword_whenTheAccountRequiresIt() throws Exception {
        String user = appUser("old-pw");
        admin("ALTER USER " + MySqlSql.account(user, "%") + " PASSWORD REQUIRE CURRENT");
        assertSelfServiceProvesTheCurrentPassword(user);
    }

    @Test
    void selfServiceProvesTheCurrentPassword_whenTheServerRequiresItOfEveryAccount() throws Exception {
        String user = appUser("old-pw");
        String before = scalar("SELECT @@GLOBAL.password_require_current");
        admin("SET GLOBAL password_require_current = ON");
        try {
            assertSelfServiceProvesTheCurrentPassword(user);
        } finally {
            admin("SET GLOBAL password_require_current = " + ("1".equals(before) ? "ON" : "OFF"));
        }
    }

    private void assertSelfServiceProvesTheCurrentPassword(String user) throws Exception {
        String newPassword = "new-" + UUID.randomUUID();
        server.enableGeneralLog();
        try (Connection c = engine.connect(login(user, "old-pw"), options)) {
            SQLException withoutIt = assertThrows(SQLException.class,
                    () -> execute(c, "ALTER USER CURRENT_USER() IDENTIFIED BY 'other-pw'"));
            assertEquals(MISSING_CURRENT_PASSWORD, withoutIt.getErrorCode(), "the server does demand it: " + withoutIt);

            engine.changeOwnPassword(c, login(user, "old-pw"), newPassword);
        }
        assertRejected(user, "old-pw");
        assertLogsIn(user, newPassword);
        String log = server.generalLog();
        assertTrue(log.contains("IDENTIFIED BY <secret> REPLACE <secret>"), log);
        assertFalse(log.contains(newPassword) || log.contains("'old-pw'"), "a password reached the general log:\n" + log);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndNothingChanges() throws Exception {
        String user = appUser("old-pw");
        admin("ALTER USER " + MySqlSql.account(user, "%") + " PASSWORD REQUIRE CURRENT");
        try (Connection c = engine.connect(login(user, "old-pw"), options)) {
            SQLException e = assertThrows(SQLException.class,
                    () -> engine.changeOwnPassword(c, login(user, "not-the-current-pw"), "new-pw"));
            assertEquals(INCORRECT_CURRENT_PASSWORD, e.getErrorCode(), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-current-pw") || e.getMessage().contains("new-pw"), e.getMessage());
        }
        assertLogsIn(user, "old-pw");
    }

    /** Each hostile password is first the new one, then the current one in REPLACE: quoted right both times. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hostileCurrentPasswordsAreQuotedInReplace(boolean noBackslashEscapes) throws Exception {
        String user = appUser("old-pw");
        admin("ALTER USER " + MySqlSql.account(user, "%") + " PASSWORD REQUIRE CURRENT");
        String current = "old-pw";
        for (String hostile : HOSTILE_PASSWORDS) {
            change("self", null, user, current, hostile, noBackslashEscapes);
            assertRejected(user, current);
            assertLogsIn(user, hostile);
            current = hostile;
        }
        change("self", null, user, current, "last-pw", noBackslashEscapes);
        assertLogsIn(user, "last-pw");
    }

    /**
     * MySQL 9 has no mysql_native_password and 8.4 loads it only when told to, yet accounts upgraded from 5.7 or
     * 8.0 keep it in mysql.user. Where the plugin is loaded the engine keeps it (and sends the hash); where it is
     * not, it refuses before any change and says what to do.
     */
    @Test
    void nativeAccounts_keptWhereThePluginIsLoaded_refusedUnchangedWhereNot() throws Exception {
        String admin = admin();
        String user = DbNames.unique("native");
        if ("ACTIVE".equals(scalar("SELECT MAX(PLUGIN_STATUS) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'mysql_native_password'"))) {
            admin("CREATE USER " + MySqlSql.account(user, "%") + " IDENTIFIED WITH mysql_native_password BY 'old-pw'");
            server.trackUser(user, "%");
            server.enableGeneralLog();
            try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
                engine.changePassword(c, user, "new-pw-1");
            }
            assertRejected(user, "old-pw");
            assertLogsIn(user, "new-pw-1");
            assertTrue(server.generalLog().contains(MariaDbServer.nativePasswordHash("new-pw-1")), "the hash was sent");
            return;
        }
        // What an upgrade leaves behind, made the only way this server allows: in the grant table itself.
        server.createUser(user, "%", "old-pw");
        try (Connection c = server.adminConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE mysql.user SET plugin = 'mysql_native_password', authentication_string = ? WHERE User = ? AND Host = '%'")) {
            ps.setString(1, MariaDbServer.nativePasswordHash("old-pw"));
            ps.setString(2, user);
            assertEquals(1, ps.executeUpdate());
        }
        admin("FLUSH PRIVILEGES");
        String before = authentication(user);

        try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
            EngineRefusal e = assertThrows(EngineRefusal.class, () -> engine.changePassword(c, user, "new-pw-1"));
            assertEquals(EngineRefusal.Reason.PLUGIN_NOT_LOADED, e.reason());
            assertFalse(engine.isWrongPassword(e));
            assertEquals(Optional.of(e.getMessage()), engine.whyAdminCannotChangePassword(c, user),
                    "the configuration test says the same before any rotation");
        }
        assertEquals(before, authentication(user), "plugin and hash as they were");

        EngineRefusal login = assertThrows(EngineRefusal.class, () -> engine.connect(login(user, "old-pw"), options));
        assertEquals(EngineRefusal.Reason.PLUGIN_NOT_LOADED, login.reason());
        assertFalse(engine.isWrongPassword(login), "not mistaken for a wrong password");
    }

    /**
     * performance_schema.processlist where the Performance Schema is on; information_schema.PROCESSLIST where the
     * server runs with performance_schema=OFF (the table is there, but empty). The sessions test of the base class
     * shows that the counts are right either way.
     */
    @Test
    void theSessionsViewIsPerformanceSchema_unlessItIsOff() throws Exception {
        String user = appUser("pw-1");
        boolean on = "1".equals(scalar("SELECT @@GLOBAL.performance_schema"));
        try (Connection c = engine.connect(login(user, "pw-1"), options)) {
            assertTrue(MySqlProcessList.processlistQuery(c).contains(on ? "performance_schema.processlist" : "information_schema.PROCESSLIST"),
                    "performance_schema=" + (on ? "ON" : "OFF"));
        }
    }

    /**
     * Without TLS, a caching_sha2_password login whose hash is not in the server's cache needs the server's RSA key,
     * which the driver fetches only when allowed: the engine allows it with {@code "ssl": false} alone.
     */
    @Test
    void cachingSha2WithoutTlsNeedsTheServersKey_fetchedOnlyWhenTheSecretSaysSslFalse() throws Exception {
        String user = appUser("pw-1");
        admin("FLUSH PRIVILEGES"); // empties the cache of successful logins
        Properties plain = new Properties();
        plain.setProperty("user", user);
        plain.setProperty("password", "pw-1");
        plain.setProperty("sslMode", "DISABLED");
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.jdbcUrl(null), plain).close());
        assertTrue(refused.getMessage().contains("Public Key Retrieval is not allowed"), refused.getMessage());

        try (Connection c = engine.connect(login(user, "pw-1"), options)) {
            assertEquals("", status(c, "Ssl_cipher"), "\"ssl\": false: no TLS, the password went RSA-encrypted");
        }
        if (serverHasTls()) {
            try (Connection c = engine.connect(secret(Map.of("username", user, "password", "pw-1")), options)) {
                assertFalse(status(c, "Ssl_cipher").isEmpty(), "by default the session is encrypted");
            }
        }
    }

    private String authentication(String user) throws SQLException {
        try (Connection c = server.adminConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT CONCAT(plugin, ' ', authentication_string) FROM mysql.user WHERE User = ? AND Host = '%'")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = server.adminConnection()) {
            execute(c, sql);
        }
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String status(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            return rs.next() ? rs.getString(2) : "";
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
