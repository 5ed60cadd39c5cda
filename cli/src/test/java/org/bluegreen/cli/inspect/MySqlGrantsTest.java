package org.bluegreen.cli.inspect;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rights of MySQL and MariaDB users (UserRights): SHOW GRANTS normalised so that two accounts with the same rights
 * compare equal, with no account name, host or password hash left; against the local MariaDB, and on MySQL 8's
 * output forms as text.
 */
class MySqlGrantsTest {

    private MariaDbServer server;
    private String db;
    private String blue;
    private String green;
    private String role;

    @BeforeEach
    void setUp() throws SQLException {
        server = MariaDbServer.fromEnvironment();
        db = server.createDatabase(DbNames.unique("grants"));
        blue = server.createUser(DbNames.unique("blue"), "%", "blue-password-123456");
        green = server.createUser(DbNames.unique("green"), "127.0.0.1", "green-password-123456");
        role = DbNames.unique("role");
        admin("CREATE ROLE " + role, "GRANT SELECT ON " + db + ".* TO " + role,
                "CREATE TABLE " + db + ".orders (id int, total int)");
        for (String account : List.of("'" + blue + "'@'%'", "'" + green + "'@'127.0.0.1'")) {
            admin("GRANT " + role + " TO " + account,
                    "SET DEFAULT ROLE " + role + " FOR " + account,
                    "GRANT INSERT, UPDATE (total) ON " + db + ".orders TO " + account + " WITH GRANT OPTION",
                    "ALTER USER " + account + " WITH MAX_USER_CONNECTIONS 5");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        try {
            admin("DROP ROLE IF EXISTS " + role);
        } finally {
            server.close();
        }
    }

    @Test
    void accountsWithTheSameRightsCompareEqualWithoutNameHostOrHash() throws SQLException {
        SortedSet<String> blueRights;
        SortedSet<String> greenRights;
        try (Connection c = server.connect(blue, "blue-password-123456", db)) {
            blueRights = MySqlGrants.of(c, blue);
        }
        try (Connection c = server.connect(green, "green-password-123456", db)) {
            greenRights = MySqlGrants.of(c, green);
        }
        assertEquals(blueRights, greenRights);
        assertEquals(new TreeSet<>(List.of(
                "ON `" + db + "`.`orders`: INSERT WITH GRANT OPTION",
                "ON `" + db + "`.`orders`: UPDATE (`total`) WITH GRANT OPTION",
                "ROLE: DEFAULT ROLE `" + role + "`",
                "ROLE: MAX_USER_CONNECTIONS 5",
                "ROLE: MEMBER OF `" + role + "`")), blueRights, "the role's own SELECT shows only as the membership");
        String all = String.join("\n", blueRights);
        assertFalse(all.contains(blue) || all.contains("*"), all);
    }

    @Test
    void anAdminReadsTheSameRights() throws SQLException {
        try (Connection asBlue = server.connect(blue, "blue-password-123456", db); Connection asAdmin = server.adminConnection()) {
            assertEquals(MySqlGrants.of(asBlue, blue), MySqlGrants.of(asAdmin, blue));
        }
    }

    @Test
    void aGrantOnOneSideShowsAsADifference() throws SQLException {
        admin("GRANT DELETE ON " + db + ".* TO '" + green + "'@'127.0.0.1'");
        try (Connection c = server.adminConnection()) {
            SortedSet<String> onlyGreen = new TreeSet<>(MySqlGrants.of(c, green));
            onlyGreen.removeAll(MySqlGrants.of(c, blue));
            assertEquals(new TreeSet<>(List.of("ON `" + db + "`.*: DELETE")), onlyGreen);
        }
    }

    @Test
    void anUnknownUserIsAnErrorThatNamesIt() throws SQLException {
        try (Connection c = server.adminConnection()) {
            SQLException e = assertThrows(SQLException.class, () -> MySqlGrants.of(c, "no_such_user_x"));
            assertTrue(e.getMessage().contains("no_such_user_x"), e.getMessage());
        }
    }

    @Test
    void mySql8FormsAreNormalisedToo() {
        SortedSet<String> lines = new TreeSet<>();
        for (String line : List.of(
                "GRANT USAGE ON *.* TO `app_blue`@`%`",
                "GRANT SELECT, INSERT ON `app`.* TO `app_blue`@`%`",
                "GRANT APPLICATION_PASSWORD_ADMIN ON *.* TO `app_blue`@`%`",
                "REVOKE INSERT ON `mysql`.* FROM `app_blue`@`%`",
                "GRANT `app_rw`@`%`,`app_ro`@`%` TO `app_blue`@`%` WITH ADMIN OPTION",
                "GRANT SELECT ON `other`.* TO `someone_else`@`%`")) {
            MySqlGrants.normalise(line, "app_blue", lines);
        }
        assertEquals(new TreeSet<>(List.of(
                "ON `app`.*: INSERT", "ON `app`.*: SELECT", "ON *.*: APPLICATION_PASSWORD_ADMIN",
                "PARTIAL REVOKE ON `mysql`.*: INSERT",
                "ROLE: MEMBER OF `app_ro`@`%` WITH ADMIN OPTION", "ROLE: MEMBER OF `app_rw`@`%` WITH ADMIN OPTION")), lines);
    }

    @Test
    void mariaDbAuthenticationAndTlsClausesLeaveNoHash() {
        SortedSet<String> lines = new TreeSet<>();
        MySqlGrants.normalise("GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED VIA mysql_native_password USING '*756775C573E4F189B0132F542E1A14BC4F37ACFE'"
                + " OR unix_socket REQUIRE SSL WITH MAX_QUERIES_PER_HOUR 10", "u", lines);
        assertEquals(new TreeSet<>(List.of("ROLE: MAX_QUERIES_PER_HOUR 10", "ROLE: REQUIRE SSL")), lines);
    }

    private void admin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
