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

import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** An account that also takes the unix socket is not native-only: its password goes as PASSWORD('…'). */
    @Override
    String userWhosePasswordGoesAsALiteral(String password) throws SQLException {
        String user = DbNames.unique("multi");
        try (Connection c = server.adminConnection(); PreparedStatement ps = c.prepareStatement(
                "CREATE USER ?@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD(?) OR unix_socket")) {
            ps.setString(1, user);
            ps.setString(2, password);
            ps.execute();
        }
        server.trackUser(user, "%");
        return user;
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "self"})
    void accountsWithSeveralMethodsKeepThemAll(String mode) throws Exception {
        String admin = mode.equals("admin") ? admin() : null;
        String user = userWhosePasswordGoesAsALiteral("old-pw");
        server.enableGeneralLog();
        change(mode, admin, user, "old-pw", "new-pw-3", false);
        assertRejected(user, "old-pw");
        assertLogsIn(user, "new-pw-3");
        try (Connection c = server.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE USER " + MySqlSql.account(user, "%"))) {
            rs.next();
            assertTrue(rs.getString(1).endsWith(" OR unix_socket"), rs.getString(1));
        }
        // MariaDB hashes with each method itself here, so the statement carries the password (see docs/mysql.md).
        assertTrue(server.generalLog().contains("= PASSWORD('new-pw-3')"), "the literal path was taken");
    }

    @Test
    void theSessionsViewIsInformationSchema() throws Exception {
        String user = appUser("pw-1");
        try (Connection c = engine.connect(login(user, "pw-1"), options)) {
            assertTrue(MySqlEngine.processlistQuery(c).contains("information_schema.PROCESSLIST"));
        }
    }

    @Test
    void readsMariaDbsAccountDescriptions() {
        String u = "app";
        assertTrue(MySqlEngine.describesNativeOnly("CREATE USER `app`@`%` IDENTIFIED BY PASSWORD '*ABC'", u, "%"));
        assertTrue(MySqlEngine.describesNativeOnly("CREATE USER `app`@`%`", u, "%"));
        assertTrue(MySqlEngine.describesNativeOnly("CREATE USER `app`@`%` IDENTIFIED BY PASSWORD '*ABC' REQUIRE SSL", u, "%"));
        assertFalse(MySqlEngine.describesNativeOnly("CREATE USER `app`@`%` IDENTIFIED VIA ed25519 USING 'xyz'", u, "%"));
        assertFalse(MySqlEngine.describesNativeOnly(
                "CREATE USER `app`@`%` IDENTIFIED VIA mysql_native_password USING '*ABC' OR unix_socket", u, "%"));
        assertFalse(MySqlEngine.describesNativeOnly("CREATE USER `other`@`%` IDENTIFIED BY PASSWORD '*ABC'", u, "%"));
        // A name that imitates a clause cannot make another account look native.
        String tricky = "x` IDENTIFIED BY PASSWORD '*";
        assertFalse(MySqlEngine.describesNativeOnly("CREATE USER `x`` IDENTIFIED BY PASSWORD '*`@`%` IDENTIFIED VIA ed25519 USING 'k'",
                tricky, "%"));
    }
}
