package org.bluegreen.rotator.engine;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.bluegreen.testkit.db.PrivateMySqlServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DatabaseEngine.whyAdminCannotChangePassword for the MySQL family, on a private MariaDB: each answer is checked
 * against what the password change then really does as that admin.
 */
class MySqlAdminRightsTest {

    private static PrivateMySqlServer db;
    private final MySqlEngine engine = new MySqlEngine();

    @BeforeAll
    static void start() {
        db = PrivateMySqlServer.mariaDb(true);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static MariaDbServer server() {
        return db.server();
    }

    private static String admin(String... privileges) throws SQLException {
        String admin = server().createUser(DbNames.unique("admin"), "%", "admin-pw-1");
        try (Connection c = server().adminConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT SELECT ON mysql.user TO '" + admin + "'@'%'");
        }
        for (String p : privileges) {
            server().grantGlobal(p, admin, "%", false);
        }
        return admin;
    }

    @Test
    void anAdminWithUpdateOnMysqlMayChangeAUser() throws SQLException {
        String user = server().createUser(DbNames.unique("blue"), "%", "old-pw-1");
        String admin = admin("CREATE USER");
        try (Connection c = server().adminConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT UPDATE ON mysql.* TO '" + admin + "'@'%'");
        }
        try (Connection c = server().connect(admin, "admin-pw-1", null)) {
            assertEquals(Optional.empty(), engine.whyAdminCannotChangePassword(c, user));
            engine.changePassword(c, user, "new-pw-1");
        }
        try (Connection c = server().connect(user, "new-pw-1", null)) {
            assertTrue(c.isValid(5), "the check said yes, and the change works");
        }
    }

    /** Whatever statement the engine chooses for this account, the check and the server agree. */
    @Test
    void anAdminWithoutTheRightMayNotAndTheCheckSaysWhy() throws SQLException {
        String user = server().createUser(DbNames.unique("blue"), "%", "old-pw-1");
        for (String admin : new String[] {admin(), admin("CREATE USER")}) {
            try (Connection c = server().connect(admin, "admin-pw-1", null)) {
                Optional<String> why = engine.whyAdminCannotChangePassword(c, user);
                SQLException refused = null;
                try {
                    engine.changePassword(c, user, "new-pw-1");
                } catch (SQLException e) {
                    refused = e;
                }
                assertEquals(refused != null, why.isPresent(), "check " + why + " vs server " + refused);
                why.ifPresent(w -> assertTrue(w.startsWith("admin " + admin + "@"), w));
            }
        }
        try (Connection c = server().connect(admin(), "admin-pw-1", null)) {
            assertTrue(engine.whyAdminCannotChangePassword(c, user).isPresent(), "an admin with no right at all is refused");
        }
    }

    @Test
    void aMissingUserIsNamed() throws SQLException {
        String admin = admin("CREATE USER");
        String missing = DbNames.unique("nobody");
        try (Connection c = server().connect(admin, "admin-pw-1", null)) {
            assertEquals(Optional.of("no account with user name '" + missing + "' exists on this server;"
                    + " the rotation changes passwords, it does not create accounts"), engine.whyAdminCannotChangePassword(c, missing));
        }
    }
}
