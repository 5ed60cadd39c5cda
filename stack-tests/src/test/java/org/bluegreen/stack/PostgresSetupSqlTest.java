package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * sql/postgresql/setup.sql applied with psql, as an operator would, to a PostgreSQL that really checks
 * passwords (testkit's PasswordCheckingPostgres): what one user creates the other can use, the script is
 * safe to run again, and it never sets or resets a password.
 */
class PostgresSetupSqlTest {

    private static final PasswordCheckingPostgres PG = PasswordCheckingPostgres.shared();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Test-only random passwords; never a fixed string that could end up reused. */
    private static String password() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "test-" + HexFormat.of().formatHex(b);
    }

    static Shell.Result setup(String db, String... vars) {
        Path psql = Shell.which("psql");
        assertNotNull(psql, "psql (Debian: postgresql-client) is needed: setup.sql is a psql script");
        List<String> cmd = new ArrayList<>(List.of(psql.toString(), "-X", "-h", PG.host(), "-p",
                String.valueOf(PG.port()), "-U", PasswordCheckingPostgres.ADMIN_USER, "-d", db,
                "-v", "ON_ERROR_STOP=1"));
        for (String v : vars) {
            cmd.add("-v");
            cmd.add(v);
        }
        cmd.add("-f");
        cmd.add(Repo.file("sql/postgresql/setup.sql").toString());
        return Shell.run(cmd, Map.of("PATH", "/usr/bin:/bin", "PGCONNECT_TIMEOUT", "10"), Repo.root(), null);
    }

    private static Connection login(String db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(PG.jdbcUrl(db), p);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    @Test
    void objectsCreatedByEitherUserAreFullyUsableByTheOtherAndReRunsChangeNothing() throws Exception {
        try (PasswordCheckingPostgres.Scope scope = PG.scope()) {
            String db = scope.createDatabase(DbNames.unique("bg_app"));
            String owner = scope.trackRole(DbNames.unique("bg_owner"));
            String blue = scope.trackRole(DbNames.unique("bg_blue"));
            String green = scope.trackRole(DbNames.unique("bg_green"));
            String[] vars = {"blue_user=" + blue, "green_user=" + green, "owner_role=" + owner};

            Shell.Result first = setup(db, vars);
            assertEquals(0, first.exit(), first.all());
            Shell.Result second = setup(db, vars);
            assertEquals(0, second.exit(), "second run: " + second.all());
            assertTrue(second.stdout().contains("bluegreen setup done"), second.all());

            // No password yet: the users exist but cannot log in (28P01 from a server that checks).
            SQLException locked = assertThrows(SQLException.class, () -> login(db, blue, password()).close());
            assertEquals("28P01", locked.getSQLState());

            String bluePassword = password();
            String greenPassword = password();
            PG.setPassword(blue, bluePassword);
            PG.setPassword(green, greenPassword);

            try (Connection b = login(db, blue, bluePassword)) {
                assertEquals(blue, one(b, "SELECT session_user"));
                assertEquals(owner, one(b, "SELECT current_user"), "sessions run as the owner role");
                assertEquals("app", one(b, "SELECT current_schema()"));
                exec(b, "CREATE TABLE made_by_blue (id int PRIMARY KEY, note text)",
                        "INSERT INTO made_by_blue VALUES (1, 'from blue')",
                        "CREATE VIEW blue_view AS SELECT id FROM made_by_blue",
                        "CREATE SEQUENCE blue_seq");
            }
            try (Connection g = login(db, green, greenPassword)) {
                assertEquals("1", one(g, "SELECT count(*) FROM made_by_blue"));
                exec(g, "INSERT INTO made_by_blue VALUES (2, 'from green')",
                        "UPDATE made_by_blue SET note = 'seen by green' WHERE id = 1",
                        // Owner-only operations: they work because the table belongs to the shared owner.
                        "ALTER TABLE made_by_blue ADD COLUMN added_by_green int",
                        "CREATE INDEX ON made_by_blue (note)",
                        "CREATE TABLE made_by_green (id int)",
                        "INSERT INTO made_by_green VALUES (42)");
                assertEquals("2", one(g, "SELECT count(*) FROM blue_view"));
                assertEquals("1", one(g, "SELECT nextval('blue_seq')"));
            }
            try (Connection b = login(db, blue, bluePassword)) {
                assertEquals("42", one(b, "SELECT id FROM made_by_green"));
                exec(b, "DELETE FROM made_by_green", "ALTER TABLE made_by_green RENAME TO renamed_by_blue");
                assertEquals(owner, one(b, "SELECT tableowner FROM pg_tables WHERE tablename = 'made_by_blue'"));
            }

            // Third run with objects in place and passwords set: nothing changes, passwords still work.
            Shell.Result third = setup(db, vars);
            assertEquals(0, third.exit(), third.all());
            try (Connection b = login(db, blue, bluePassword); Connection g = login(db, green, greenPassword)) {
                assertEquals("2", one(b, "SELECT count(*) FROM made_by_blue"));
                exec(g, "DROP TABLE made_by_blue CASCADE", "DROP TABLE renamed_by_blue", "DROP SEQUENCE blue_seq");
            }
            assertEquals("28P01", assertThrows(SQLException.class,
                    () -> login(db, blue, greenPassword).close()).getSQLState(), "passwords are really checked");
        }
    }

    /**
     * What the rotator must know for self-service mode (no masterarn): the user's session runs as the owner
     * role, and ALTER ROLE ... PASSWORD checks the current role, so the session has to SET ROLE NONE first.
     * RESET ROLE would go back to the per-role default, the owner role.
     */
    @Test
    void aUserChangingItsOwnPasswordMustSetRoleNoneFirst() throws Exception {
        try (PasswordCheckingPostgres.Scope scope = PG.scope()) {
            String db = scope.createDatabase(DbNames.unique("bg_app"));
            String owner = scope.trackRole(DbNames.unique("bg_owner"));
            String blue = scope.trackRole(DbNames.unique("bg_blue"));
            String green = scope.trackRole(DbNames.unique("bg_green"));
            Shell.Result r = setup(db, "blue_user=" + blue, "green_user=" + green, "owner_role=" + owner);
            assertEquals(0, r.exit(), r.all());
            String current = password();
            PG.setPassword(blue, current);
            String next = password();

            try (Connection b = login(db, blue, current)) {
                PGConnection pgc = b.unwrap(PGConnection.class);
                SQLException denied = assertThrows(SQLException.class,
                        () -> pgc.alterUserPassword(blue, next.toCharArray(), "scram-sha-256"));
                assertEquals("42501", denied.getSQLState());
                exec(b, "RESET ROLE");
                assertEquals(owner, one(b, "SELECT current_user"), "RESET ROLE returns to the owner role");
                exec(b, "SET ROLE NONE");
                pgc.alterUserPassword(blue, next.toCharArray(), "scram-sha-256");
            }
            login(db, blue, next).close();
            assertEquals("28P01", assertThrows(SQLException.class, () -> login(db, blue, current).close()).getSQLState());
        }
    }

    @Test
    void namesAreQuotedNotInterpreted() throws Exception {
        try (PasswordCheckingPostgres.Scope scope = PG.scope()) {
            String db = scope.createDatabase(DbNames.unique("bg_app"));
            String suffix = DbNames.unique("x");
            String blue = scope.trackRole("Blue'; DROP ROLE postgres; --\" " + suffix);
            String green = scope.trackRole("green \"quoted\" " + suffix);
            String owner = scope.trackRole("Owner " + suffix);
            Shell.Result r = setup(db, "blue_user=" + blue, "green_user=" + green, "owner_role=" + owner);
            assertEquals(0, r.exit(), r.all());
            assertTrue(PG.roleExists(blue) && PG.roleExists(green) && PG.roleExists(owner));
            assertTrue(PG.roleExists("postgres"));
            String pw = password();
            PG.setPassword(green, pw);
            try (Connection g = login(db, green, pw)) {
                assertEquals(owner, one(g, "SELECT current_user"));
            }
        }
    }

    @Test
    void refusesMissingOrClashingNames() throws Exception {
        try (PasswordCheckingPostgres.Scope scope = PG.scope()) {
            String db = scope.createDatabase(DbNames.unique("bg_app"));
            Shell.Result missing = setup(db, "blue_user=only_blue");
            assertNotEquals(0, missing.exit());
            assertTrue(missing.stderr().contains("pass -v blue_user=<name> -v green_user=<name>"), missing.all());

            String same = scope.trackRole(DbNames.unique("bg_same"));
            Shell.Result clash = setup(db, "blue_user=" + same, "green_user=" + same);
            assertNotEquals(0, clash.exit());
            assertTrue(clash.stderr().contains("must differ"), clash.all());
            assertTrue(!PG.roleExists(same), "nothing created on refusal");

            Shell.Result publicSchema = setup(db, "blue_user=" + DbNames.unique("b"), "green_user=" + DbNames.unique("g"),
                    "schema=public");
            assertNotEquals(0, publicSchema.exit(), "the app gets its own schema");
        }
    }
}
