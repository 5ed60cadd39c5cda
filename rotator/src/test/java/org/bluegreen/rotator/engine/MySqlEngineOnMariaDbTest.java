package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import static org.bluegreen.rotator.engine.MySqlPasswordChange.MariaDbForm.NATIVE_AMONG_PASSWORDLESS;
import static org.bluegreen.rotator.engine.MySqlPasswordChange.MariaDbForm.NATIVE_ONLY;
import static org.bluegreen.rotator.engine.MySqlPasswordChange.MariaDbForm.PLAINTEXT;
import static org.bluegreen.rotator.engine.MySqlPasswordChange.mariaDbForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySqlEngine on MariaDB: the tests of {@link MySqlEngineTest}, plus what only MariaDB has: accounts with several
 * authentication methods ({@code IDENTIFIED VIA … OR unix_socket}), {@code SET PASSWORD}, native hashes computed here.
 */
class MySqlEngineOnMariaDbTest extends MySqlEngineTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mariaDb();
    }

    /** MariaDB logs statements as received: the engine sends the native hash, never the password. */
    @Override
    String loggedAdminChange(String newPassword) {
        return "IDENTIFIED WITH mysql_native_password AS '" + MariaDbServer.nativePasswordHash(newPassword) + "'";
    }

    @Override
    String loggedSelfChange(String newPassword) {
        return "SET PASSWORD = '" + MariaDbServer.nativePasswordHash(newPassword) + "'";
    }

    /**
     * An account that also takes ed25519, whose stored form is not computed here: its password goes as PASSWORD('…').
     * The native method comes first, so that Connector/J (which has no client_ed25519) logs in by it.
     */
    @Override
    String userWhosePasswordGoesAsALiteral(String password) throws SQLException {
        return multiMethodUser("ed25519 USING PASSWORD(?)", password);
    }

    /** {@code IDENTIFIED VIA mysql_native_password USING PASSWORD(pw) OR <other>}; ed25519's plugin loaded first. */
    private String multiMethodUser(String other, String password) throws SQLException {
        String user = DbNames.unique("multi");
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            if (other.startsWith("ed25519")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519'")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        s.execute("INSTALL SONAME 'auth_ed25519'");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("CREATE USER ?@'%' IDENTIFIED VIA mysql_native_password"
                    + " USING PASSWORD(?) OR " + other)) {
                ps.setString(1, user);
                ps.setString(2, password);
                if (other.contains("?")) {
                    ps.setString(3, password);
                }
                ps.execute();
            }
        }
        server.trackUser(user, "%");
        return user;
    }

    /**
     * {@code OR unix_socket}, MariaDB's usual local account: the native hash computed here sets the native method and
     * keeps the socket one, and no password reaches the general log; nothing to warn about.
     */
    @ParameterizedTest
    @ValueSource(strings = {"admin", "self"})
    void nativeBesideUnixSocket_theHashGoes_bothMethodsKept_noPasswordLogged(String mode) throws Exception {
        String admin = mode.equals("admin") ? admin() : null;
        String oldPassword = "old-" + UUID.randomUUID();
        String user = multiMethodUser("unix_socket", oldPassword);
        String newPassword = "new-" + UUID.randomUUID();
        try (Connection c = engine.connect(mode.equals("admin") ? login(admin, "admin-pw") : login(user, oldPassword), options)) {
            assertEquals(Optional.empty(), engine.plaintextPasswordChange(c, user), "nothing to warn about");
        }
        server.enableGeneralLog();
        change(mode, admin, user, oldPassword, newPassword, false);
        assertRejected(user, oldPassword);
        assertLogsIn(user, newPassword);
        assertTrue(showCreateUser(user).endsWith(" OR unix_socket"), showCreateUser(user));
        String log = server.generalLog();
        assertFalse(log.contains(newPassword), "the new password reached the general log:\n" + log);
        assertFalse(log.contains(oldPassword + "'"), "the old password reached the general log:\n" + log);
        assertTrue(log.contains("SET PASSWORD" + (mode.equals("admin") ? " FOR " + MySqlSql.account(user, "%") : "")
                + " = '" + MariaDbServer.nativePasswordHash(newPassword) + "'"), "the hash went instead:\n" + log);
    }

    /**
     * Beside ed25519 (whose key MariaDB derives from the password itself) both methods keep working only if the server
     * gets the password: PASSWORD('…') is sent, and the configuration test's warning says so beforehand.
     */
    @ParameterizedTest
    @ValueSource(strings = {"admin", "self"})
    void nativeBesideEd25519_thePasswordMustGo_andThatIsWarnedOfFirst(String mode) throws Exception {
        String admin = mode.equals("admin") ? admin() : null;
        String user = userWhosePasswordGoesAsALiteral("old-pw");
        try (Connection c = engine.connect(mode.equals("admin") ? login(admin, "admin-pw") : login(user, "old-pw"), options)) {
            assertTrue(engine.plaintextPasswordChange(c, user).isPresent(), "warned before the first rotation");
        }
        server.enableGeneralLog();
        change(mode, admin, user, "old-pw", "new-pw-3", false);
        assertRejected(user, "old-pw");
        assertLogsIn(user, "new-pw-3");
        String definition = showCreateUser(user);
        assertTrue(definition.contains("mysql_native_password") && definition.contains(" OR ed25519 USING "), definition);
        assertTrue(server.generalLog().contains("= PASSWORD('new-pw-3')"), "the literal path was taken");
    }

    @Test
    void nativeOnlyAccountsAreNotWarnedOf() throws Exception {
        String user = appUser("pw-1");
        try (Connection c = engine.connect(login(user, "pw-1"), options)) {
            assertEquals(Optional.empty(), engine.plaintextPasswordChange(c, user));
        }
    }

    /**
     * Beside ed25519, a password the native method rejects goes on to ed25519, which Connector/J cannot answer (it has
     * no client_ed25519): the login fails with that instead of 1045, and the stored native hash shows which password
     * the account holds.
     */
    @Override
    void assertRejected(String user, String password) {
        SQLException e = assertThrows(SQLException.class, () -> server.connect(user, password, null).close(),
                "the old password of " + user + " must be rejected");
        if (engine.isWrongPassword(e)) {
            return;
        }
        assertTrue(e.getMessage().contains("client_ed25519"), e.getErrorCode() + " " + e.getSQLState() + " " + e.getMessage());
        try {
            assertFalse(showCreateUser(user).contains(MariaDbServer.nativePasswordHash(password)), "the old hash is gone");
        } catch (SQLException read) {
            throw new IllegalStateException(read);
        }
    }

    private String showCreateUser(String user) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE USER " + MySqlSql.account(user, "%"))) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theSessionsViewIsInformationSchema() throws Exception {
        String user = appUser("pw-1");
        try (Connection c = engine.connect(login(user, "pw-1"), options)) {
            assertTrue(MySqlProcessList.processlistQuery(c).contains("information_schema.PROCESSLIST"));
        }
    }

    @Test
    void readsMariaDbsAccountDescriptions() {
        String u = "app";
        assertEquals(NATIVE_ONLY, mariaDbForm("CREATE USER `app`@`%` IDENTIFIED BY PASSWORD '*ABC'", u, "%"));
        assertEquals(NATIVE_ONLY, mariaDbForm("CREATE USER `app`@`%`", u, "%"));
        assertEquals(NATIVE_ONLY, mariaDbForm("CREATE USER `app`@`%` IDENTIFIED BY PASSWORD '*ABC' REQUIRE SSL", u, "%"));
        assertEquals(PLAINTEXT, mariaDbForm("CREATE USER `app`@`%` IDENTIFIED VIA ed25519 USING 'xyz'", u, "%"));
        assertEquals(NATIVE_AMONG_PASSWORDLESS, mariaDbForm(
                "CREATE USER `app`@`%` IDENTIFIED VIA mysql_native_password USING '*ABC' OR unix_socket", u, "%"));
        assertEquals(NATIVE_AMONG_PASSWORDLESS, mariaDbForm(
                "CREATE USER `app`@`%` IDENTIFIED VIA unix_socket OR mysql_native_password USING '*ABC' REQUIRE SSL", u, "%"));
        assertEquals(PLAINTEXT, mariaDbForm(
                "CREATE USER `app`@`%` IDENTIFIED VIA mysql_native_password USING '*ABC' OR ed25519 USING 'k'", u, "%"));
        assertEquals(PLAINTEXT, mariaDbForm("CREATE USER `app`@`%` IDENTIFIED VIA unix_socket", u, "%"));
        assertEquals(PLAINTEXT, mariaDbForm("CREATE USER `other`@`%` IDENTIFIED BY PASSWORD '*ABC'", u, "%"));
        // A name that imitates a clause cannot make another account look native.
        String tricky = "x` IDENTIFIED BY PASSWORD '*";
        assertEquals(PLAINTEXT, mariaDbForm("CREATE USER `x`` IDENTIFIED BY PASSWORD '*`@`%` IDENTIFIED VIA ed25519 USING 'k'",
                tricky, "%"));
        // A quoted USING value that holds " OR unix_socket" is not a method.
        assertEquals(PLAINTEXT, mariaDbForm(
                "CREATE USER `app`@`%` IDENTIFIED VIA unix_socket USING 'k OR mysql_native_password'", u, "%"));
    }
}
