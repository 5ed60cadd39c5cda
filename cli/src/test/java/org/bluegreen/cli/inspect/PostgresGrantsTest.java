package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.Database;
import org.bluegreen.rotator.engine.DatabaseSession;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rights of PostgreSQL users (UserRights): equal for users with the same rights, whoever asks; a drift shows. */
class PostgresGrantsTest {

    private final PasswordCheckingPostgres server = PasswordCheckingPostgres.shared();
    private final Database database = Database.jdbc(ConnectOptions.defaults());
    private PasswordCheckingPostgres.Scope scope;
    private String db;
    private String blue;
    private String green;
    private String owner;

    @BeforeEach
    void setUp() throws SQLException {
        scope = server.scope();
        blue = scope.createLoginRole(DbNames.unique("blue"), "blue-password-1234567");
        green = scope.createLoginRole(DbNames.unique("green"), "green-password-1234567");
        owner = scope.trackRole(DbNames.unique("owner"));
        String rw = scope.trackRole(DbNames.unique("rw"));
        db = scope.createDatabase(DbNames.unique("grants"));
        admin("postgres", "CREATE ROLE " + owner + " NOLOGIN", "CREATE ROLE " + rw + " NOLOGIN");
        admin(db,
                "CREATE SCHEMA app AUTHORIZATION " + owner,
                "CREATE TABLE app.orders (id serial PRIMARY KEY, total numeric)",
                "ALTER TABLE app.orders OWNER TO " + owner,
                "CREATE FUNCTION app.f(i integer) RETURNS integer LANGUAGE sql AS 'SELECT i'",
                "REVOKE EXECUTE ON FUNCTION app.f(integer) FROM PUBLIC");
        for (String user : new String[] {blue, green}) {
            admin(db,
                    "GRANT CONNECT ON DATABASE " + db + " TO " + user,
                    "GRANT USAGE ON SCHEMA app TO " + user,
                    "GRANT SELECT, INSERT ON app.orders TO " + user,
                    "GRANT UPDATE (total) ON app.orders TO " + user,
                    "GRANT USAGE ON SEQUENCE app.orders_id_seq TO " + user,
                    "GRANT EXECUTE ON FUNCTION app.f(integer) TO " + user,
                    "GRANT " + rw + " TO " + user,
                    "ALTER ROLE " + user + " SET statement_timeout = '5s'",
                    "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA app GRANT SELECT ON TABLES TO " + user,
                    "ALTER DEFAULT PRIVILEGES FOR ROLE " + user + " IN SCHEMA app GRANT SELECT ON TABLES TO " + user);
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        scope.close();
    }

    @Test
    void usersWithTheSameRightsCompareEqualWhoeverAsks() throws SQLException {
        SortedSet<String> blueAsBlue;
        SortedSet<String> greenAsBlue;
        try (DatabaseSession c = database.open(login(blue, "blue-password-1234567"))) {
            blueAsBlue = PostgresGrants.of(c, blue);
            greenAsBlue = PostgresGrants.of(c, green);
        }
        SortedSet<String> greenAsGreen;
        try (DatabaseSession c = database.open(login(green, "green-password-1234567"))) {
            greenAsGreen = PostgresGrants.of(c, green);
        }
        assertEquals(blueAsBlue, greenAsBlue);
        assertEquals(greenAsBlue, greenAsGreen);
        for (String expected : new String[] {
                "ROLE: LOGIN", "ROLE: SET statement_timeout=5s",
                "DATABASE " + db + ": CONNECT", "SCHEMA app: USAGE",
                "TABLE app.orders: SELECT", "TABLE app.orders: INSERT", "COLUMN app.orders.total: UPDATE",
                "SEQUENCE app.orders_id_seq: USAGE", "FUNCTION app.f(i integer): EXECUTE",
                "DEFAULT FOR TABLES CREATED BY " + owner + " IN SCHEMA app: SELECT",
                "DEFAULT FOR TABLES CREATED BY itself IN SCHEMA app: SELECT"}) {
            assertTrue(blueAsBlue.stream().anyMatch(l -> l.equals(expected)), expected + " missing from " + blueAsBlue);
        }
        assertTrue(blueAsBlue.stream().anyMatch(l -> l.startsWith("ROLE: MEMBER OF rw_")), blueAsBlue.toString());
        assertFalse(blueAsBlue.stream().anyMatch(l -> l.contains(blue)), blueAsBlue.toString());
    }

    @Test
    void aGrantOrAnOwnershipOnOneSideShowsAsADifference() throws SQLException {
        admin(db, "GRANT DELETE ON app.orders TO " + green, "CREATE TABLE app.audit (id int)",
                "ALTER TABLE app.audit OWNER TO " + blue);
        try (DatabaseSession c = database.open(login(green, "green-password-1234567"))) {
            SortedSet<String> onlyGreen = new TreeSet<>(PostgresGrants.of(c, green));
            SortedSet<String> onlyBlue = new TreeSet<>(PostgresGrants.of(c, blue));
            SortedSet<String> common = new TreeSet<>(onlyGreen);
            common.retainAll(onlyBlue);
            onlyGreen.removeAll(common);
            onlyBlue.removeAll(common);
            assertEquals(new TreeSet<>(java.util.List.of("TABLE app.orders: DELETE")), onlyGreen);
            assertEquals(new TreeSet<>(java.util.List.of("TABLE app.audit: OWNER")), onlyBlue);
        }
    }

    @Test
    void anUnknownUserIsAnErrorThatNamesIt() throws SQLException {
        try (DatabaseSession c = database.open(login(blue, "blue-password-1234567"))) {
            SQLException e = assertThrows(SQLException.class, () -> PostgresGrants.of(c, "no_such_user"));
            assertEquals("42704", e.getSQLState());
            assertTrue(e.getMessage().contains("no_such_user"));
        }
    }

    private DbSecret login(String user, String password) {
        return DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"" + server.host() + "\",\"port\":" + server.port()
                + ",\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"dbname\":\"" + db
                + "\",\"ssl\":" + server.sslEnabled() + "}", "test login");
    }

    private void admin(String database, String... statements) throws SQLException {
        try (Connection c = server.adminConnection(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
