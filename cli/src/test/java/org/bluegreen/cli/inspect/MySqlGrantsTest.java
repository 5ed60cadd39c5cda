package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.Database;
import org.bluegreen.rotator.engine.DatabaseSession;
import org.bluegreen.rotator.secret.DbSecret;
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
 * The rights of MySQL and MariaDB users (UserRights) on a real server: SHOW GRANTS and SHOW CREATE USER normalised so that two accounts with the
 * same rights and options compare equal, with no account name, host or password hash left. Runs on MySQL and on
 * MariaDB ({@link MySqlGrantsOnMySqlTest}, {@link MySqlGrantsOnMariaDbTest}); the text forms alone are in
 * {@link MySqlGrantsTextTest}.
 */
abstract class MySqlGrantsTest {

    private MariaDbServer server;
    private String db;
    private String blue;
    private String green;
    private String role;

    abstract MariaDbServer newServer();

    /** How SHOW GRANTS names a role made with {@code CREATE ROLE name}. */
    abstract String roleAsShown(String name);

    /** The statement that makes {@code role} the account's default role ({@code NONE} for none). */
    abstract String setDefaultRole(String role, String account);

    /** The authentication plugin of an account made with {@code IDENTIFIED BY}. */
    abstract String defaultPlugin();

    @BeforeEach
    void setUp() throws SQLException {
        server = newServer();
        db = server.createDatabase(DbNames.unique("grants"));
        blue = server.createUser(DbNames.unique("blue"), "%", "blue-password-123456");
        green = server.createUser(DbNames.unique("green"), "127.0.0.1", "green-password-123456");
        role = DbNames.unique("role");
        admin("CREATE ROLE " + role, "GRANT SELECT ON " + db + ".* TO " + role,
                "CREATE TABLE " + db + ".orders (id int, total int)");
        for (String account : List.of(blueAccount(), greenAccount())) {
            admin("GRANT " + role + " TO " + account,
                    setDefaultRole(role, account),
                    "GRANT INSERT, UPDATE (total) ON " + db + ".orders TO " + account + " WITH GRANT OPTION",
                    "ALTER USER " + account + " WITH MAX_USER_CONNECTIONS 5");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (server == null) {
            return;
        }
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
        try (DatabaseSession c = session(blue, "blue-password-123456")) {
            blueRights = MySqlGrants.of(c, blue);
        }
        try (DatabaseSession c = session(green, "green-password-123456")) {
            greenRights = MySqlGrants.of(c, green);
        }
        assertEquals(blueRights, greenRights);
        assertEquals(new TreeSet<>(List.of(
                "ON `" + db + "`.`orders`: INSERT WITH GRANT OPTION",
                "ON `" + db + "`.`orders`: UPDATE (`total`) WITH GRANT OPTION",
                "ROLE: AUTHENTICATION " + defaultPlugin(),
                "ROLE: DEFAULT ROLE " + roleAsShown(role),
                "ROLE: MAX_USER_CONNECTIONS 5",
                "ROLE: MEMBER OF " + roleAsShown(role))), blueRights, "the role's own SELECT shows only as the membership");
        String all = String.join("\n", blueRights);
        assertFalse(all.contains(blue) || all.contains("*") || all.contains("0x") || all.contains("$A$"), all);
    }

    @Test
    void anAdminReadsTheSameRights() throws SQLException {
        try (DatabaseSession asBlue = session(blue, "blue-password-123456");
             DatabaseSession asAdmin = session(server.adminUser(), server.adminPassword())) {
            assertEquals(MySqlGrants.of(asBlue, blue), MySqlGrants.of(asAdmin, blue));
        }
    }

    @Test
    void aGrantOnOneSideShowsAsADifference() throws SQLException {
        admin("GRANT DELETE ON " + db + ".* TO " + greenAccount());
        assertEquals(new TreeSet<>(List.of("ON `" + db + "`.*: DELETE")), onlyGreen());
    }

    /** What SHOW GRANTS does not show on MySQL 8+ (and, for locks and expiry, on MariaDB either). */
    @Test
    void accountOptionsOnOneSideShowAsDifferences() throws SQLException {
        String green = greenAccount();
        admin(setDefaultRole("NONE", blueAccount()), "ALTER USER " + blueAccount() + " WITH MAX_USER_CONNECTIONS 0",
                "ALTER USER " + green + " REQUIRE SSL", "ALTER USER " + green + " WITH MAX_QUERIES_PER_HOUR 10",
                "ALTER USER " + green + " ACCOUNT LOCK", "ALTER USER " + green + " PASSWORD EXPIRE INTERVAL 90 DAY");
        assertEquals(new TreeSet<>(List.of("ROLE: ACCOUNT LOCK", "ROLE: DEFAULT ROLE " + roleAsShown(role),
                "ROLE: MAX_QUERIES_PER_HOUR 10", "ROLE: MAX_USER_CONNECTIONS 5", "ROLE: PASSWORD EXPIRE INTERVAL 90 DAY",
                "ROLE: REQUIRE SSL")), onlyGreen());
    }

    @Test
    void anUnknownUserIsAnErrorThatNamesIt() throws SQLException {
        try (DatabaseSession c = session(server.adminUser(), server.adminPassword())) {
            SQLException e = assertThrows(SQLException.class, () -> MySqlGrants.of(c, "no_such_user_x"));
            assertTrue(e.getMessage().contains("no_such_user_x"), e.getMessage());
        }
    }

    /** Green's lines that blue lacks, as the admin reads them. */
    SortedSet<String> onlyGreen() throws SQLException {
        try (DatabaseSession c = session(server.adminUser(), server.adminPassword())) {
            SortedSet<String> onlyGreen = new TreeSet<>(MySqlGrants.of(c, green));
            onlyGreen.removeAll(MySqlGrants.of(c, blue));
            return onlyGreen;
        }
    }

    /** A session the way the doctor opens one: through the engine seam, with the secret's fields. */
    DatabaseSession session(String user, String password) throws SQLException {
        String engine = server.isMariaDb() ? "mariadb" : "mysql";
        return Database.jdbc(ConnectOptions.defaults()).open(DbSecret.parse("{\"engine\":\"" + engine + "\",\"host\":\""
                + server.host() + "\",\"port\":" + server.port() + ",\"username\":\"" + user + "\",\"password\":\""
                + password + "\",\"dbname\":\"" + db + "\",\"ssl\":false}", "test login"));
    }

    String blueAccount() {
        return "'" + blue + "'@'%'";
    }

    String greenAccount() {
        return "'" + green + "'@'127.0.0.1'";
    }

    void admin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
