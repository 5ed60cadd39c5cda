package org.bluegreen.rotator.engine;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DatabaseEngine.whyAdminCannotChangePassword for PostgreSQL: each answer is checked against what ALTER ROLE ...
 * PASSWORD then really does as that admin.
 */
class PostgresAdminRightsTest {

    private final PasswordCheckingPostgres server = PasswordCheckingPostgres.shared();
    private final PasswordCheckingPostgres.Scope scope = server.scope();
    private final DatabaseEngine engine = Engines.forName("postgres");

    @AfterEach
    void drop() throws SQLException {
        scope.close();
    }

    @Test
    void anAdminWithCreateRoleMayChangeAnOrdinaryUser() throws SQLException {
        String user = scope.createLoginRole(DbNames.unique("blue"), "old-password-123456");
        String admin = scope.createLoginRole(DbNames.unique("admin"), "admin-password-123456", "CREATEROLE");
        try (Connection c = login(admin, "admin-password-123456")) {
            assertEquals(Optional.empty(), engine.whyAdminCannotChangePassword(c, user));
            engine.changePassword(c, user, "new-password-123456");
        }
        try (Connection asUser = login(user, "new-password-123456")) {
            assertTrue(asUser.isValid(5), "the check said yes, and the change works");
        }
    }

    @Test
    void anAdminWithoutCreateRoleMayNotAndTheCheckSaysWhy() throws SQLException {
        String user = scope.createLoginRole(DbNames.unique("blue"), "old-password-123456");
        String admin = scope.createLoginRole(DbNames.unique("admin"), "admin-password-123456");
        try (Connection c = login(admin, "admin-password-123456")) {
            assertEquals(Optional.of("admin '" + admin + "' has no CREATEROLE: it may not change other users' passwords"),
                    engine.whyAdminCannotChangePassword(c, user));
            SQLException refused = assertThrows(SQLException.class,
                    () -> engine.changePassword(c, user, "new-password-123456"));
            assertEquals("42501", refused.getSQLState(), "the server refuses it too: " + refused.getMessage());
        }
    }

    @Test
    void aMissingUserOrASuperuserIsNamed() throws SQLException {
        String admin = scope.createLoginRole(DbNames.unique("admin"), "admin-password-123456", "CREATEROLE");
        String missing = DbNames.unique("nobody");
        String superuser = scope.createLoginRole(DbNames.unique("super"), "super-password-123456", "SUPERUSER");
        try (Connection c = login(admin, "admin-password-123456")) {
            assertEquals(Optional.of("user '" + missing + "' does not exist in this database server"),
                    engine.whyAdminCannotChangePassword(c, missing));
            assertEquals(Optional.of("user '" + superuser + "' is a superuser: only a superuser may change its password, and '"
                    + admin + "' is not one"), engine.whyAdminCannotChangePassword(c, superuser));
        }
    }

    private Connection login(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection(server.jdbcUrl("postgres"), p);
    }
}
