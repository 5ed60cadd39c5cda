package org.bluegreen.rotator.scenario;

import org.bluegreen.rotator.RotationHandler.RotationFailedException;
import org.bluegreen.testkit.db.MariaDbServer;
import org.bluegreen.testkit.db.MySqlFamilyServer;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rotation scenarios on MySQL (Oracle's server; 9.7 here), over TLS (the server makes its own certificate), plus
 * what only MySQL has: self-service where the server demands the current password, and accounts left on
 * mysql_native_password. One subclass per provider ({@link MySqlRotationTest}, {@link MySqlContainerRotationTest}).
 */
abstract class MySqlScenarios extends MySqlFamilyScenarios {

    /** The MySQL server of this provider; throws {@code TestServers.Unavailable} where there is none. */
    abstract MySqlFamilyServer server();

    @Override
    TestDatabase newDatabase() throws SQLException {
        TestDatabase db = ProviderScenarios.database(() -> new MySqlFamilyTestDatabase(server()));
        if (!db.tls()) {
            db.close();
            throw new IllegalStateException("this MySQL has no TLS: MySQL 8+ makes its own certificate unless told not to");
        }
        return db;
    }

    @Test
    void selfService_accountsWithPasswordRequireCurrent() throws Exception {
        BlueGreenPair p = selfService();
        requireCurrentPassword(p);
        String blueBefore = p.password(p.blueArn, "AWSCURRENT");
        String greenBefore = p.password(p.greenArn, "AWSCURRENT");

        p.rotate(p.blueArn);
        p.rolloutsComplete();
        p.clock.advance(Duration.ofDays(14));
        p.rotate(p.greenArn);

        assertFalse(p.db.logsIn(p.blueUser, blueBefore));
        assertTrue(p.db.logsIn(p.blueUser, p.password(p.blueArn, "AWSCURRENT")));
        assertFalse(p.db.logsIn(p.greenUser, greenBefore));
        assertTrue(p.db.logsIn(p.greenUser, p.password(p.greenArn, "AWSCURRENT")));
        String log = p.db.statementLog();
        assertTrue(log.contains("IDENTIFIED BY <secret> REPLACE <secret>"), "MySQL logs both passwords as <secret>");
        p.leaks.assertNoneIn(log, "the server's general log");
    }

    @Test
    void selfService_serverWithPasswordRequireCurrentOn() throws Exception {
        BlueGreenPair p = selfService();
        String before = global("password_require_current");
        p.db.asAdmin("SET GLOBAL password_require_current = ON");
        try {
            String blueBefore = p.password(p.blueArn, "AWSCURRENT");
            p.rotate(p.blueArn);
            assertFalse(p.db.logsIn(p.blueUser, blueBefore));
            assertTrue(p.db.logsIn(p.blueUser, p.password(p.blueArn, "AWSCURRENT")));
        } finally {
            p.db.asAdmin("SET GLOBAL password_require_current = " + ("1".equals(before) ? "ON" : "OFF"));
        }
    }

    /** The password proven in REPLACE is the one that logged in: here AWSPREVIOUS, restored by an operator. */
    @Test
    void selfService_requireCurrent_afterAnInterruptedRotationProvesThePreviousPassword() throws Exception {
        BlueGreenPair p = selfService();
        requireCurrentPassword(p);
        fallBackToThePreviousPassword(p);
    }

    /**
     * An account an upgrade left on mysql_native_password cannot log in to MySQL 9 (or 8.4 by default): the rotation
     * stops at setSecret with the reason, before changing the account, the secret's current value or the pointer.
     */
    @Test
    void adminMode_anAccountOnANativePluginTheServerLacksIsRefusedUnchanged() throws Exception {
        try (BlueGreenPair p = BlueGreenPair.adminMode(newDatabase())) {
            Assumptions.assumeFalse("ACTIVE".equals(nativePluginStatus()), "this MySQL still loads mysql_native_password");
            String current = p.password(p.blueArn, "AWSCURRENT");
            try (MariaDbServer admin = server().newScope(); Connection c = admin.adminConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE mysql.user SET plugin = 'mysql_native_password', authentication_string = ? WHERE User = ?")) {
                ps.setString(1, MariaDbServer.nativePasswordHash(current));
                ps.setString(2, p.blueUser);
                assertEquals(1, ps.executeUpdate());
            }
            p.db.asAdmin("FLUSH PRIVILEGES");
            String account = account(p.blueUser);
            String token = p.startRotation(p.blueArn);
            p.step("createSecret", p.blueArn, token);

            RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step("setSecret", p.blueArn, token));
            assertEquals(java.util.Optional.of(org.bluegreen.rotator.rotation.Refusal.Reason.PROTECTED_USER), e.outcome().refusal(),
                    "the engine's refusal is the step's typed refusal, not a failure");

            assertTrue(e.getMessage().contains("the server cannot log in user '" + p.blueUser + "' at all")
                    && e.getMessage().contains("mysql_native_password"), e.getMessage());
            assertEquals(account, account(p.blueUser), "the account's plugin and hash are as they were");
            assertEquals(current, p.password(p.blueArn, "AWSCURRENT"));
            assertEquals("green", p.pointer().value());
            p.leaks.assertNoneIn(p.log(), "the rotation log");
        }
    }

    private static void requireCurrentPassword(BlueGreenPair p) throws SQLException {
        for (String user : new String[] {p.blueUser, p.greenUser}) {
            p.db.asAdmin("ALTER USER '" + user + "'@'%' PASSWORD REQUIRE CURRENT");
        }
    }

    private String account(String user) throws SQLException {
        try (MariaDbServer admin = server().newScope(); Connection c = admin.adminConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT CONCAT(plugin, ' ', authentication_string) FROM mysql.user WHERE User = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private String nativePluginStatus() throws SQLException {
        return scalar("SELECT MAX(PLUGIN_STATUS) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'mysql_native_password'");
    }

    private String global(String variable) throws SQLException {
        return scalar("SELECT @@GLOBAL." + variable);
    }

    private String scalar(String sql) throws SQLException {
        try (MariaDbServer admin = server().newScope(); Connection c = admin.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
