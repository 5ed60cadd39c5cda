package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sql/mysql/setup.sql through its wrapper sql/mysql/apply.sh and the machine's mysql/mariadb client, against
 * the local MariaDB (which checks passwords): identical rights, either user can use and change what the
 * other created, re-runs change nothing (passwords included), bad parameters change nothing.
 */
class MySqlSetupSqlTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static MariaDbServer server;

    @BeforeAll
    static void connect() {
        server = MariaDbServer.fromEnvironment();
    }

    @AfterAll
    static void dropWhatWeMade() throws SQLException {
        server.close();
    }

    private static String password() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "test-" + HexFormat.of().formatHex(b);
    }

    /** apply.sh with the admin login MariaDbServer uses. */
    private static Shell.Result apply(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Repo.file("sql/mysql/apply.sh").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--", "--protocol=TCP", "-h", server.host(), "-P", String.valueOf(server.port()),
                "-u", server.adminUser()));
        Map<String, String> childEnv = new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));
        String adminPassword = server.adminPassword();
        if (!adminPassword.isEmpty()) {
            childEnv.put("MYSQL_PWD", adminPassword); // test machine only; operators use -p or an options file
        }
        return Shell.run(cmd, childEnv, Repo.root(), null);
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /** SHOW GRANTS with the user's own name replaced, so two users' grants compare equal. */
    private static Set<String> grantsOf(String user) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = server.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GRANTS FOR '" + user + "'@'%'")) {
            while (rs.next()) {
                out.add(rs.getString(1).replace(user, "<user>").replaceAll("PASSWORD '[^']*'", "PASSWORD <hash>"));
            }
        }
        return out;
    }

    @Test
    void eitherUserCanUseAndChangeWhatTheOtherCreatedAndReRunsChangeNothing() throws Exception {
        String db = DbNames.unique("bg_app");
        String blue = DbNames.unique("bg_blue");
        String green = DbNames.unique("bg_green");
        server.trackDatabase(db);
        server.trackUser(blue, "%");
        server.trackUser(green, "%");
        String[] args = {"--db", db, "--blue", blue, "--green", green};

        Shell.Result first = apply(args);
        assertEquals(0, first.exit(), first.all());
        Shell.Result second = apply(args);
        assertEquals(0, second.exit(), "second run: " + second.all());
        assertTrue(second.stdout().contains("bluegreen setup done"), second.all());

        // The throwaway password is unknown to everyone: no login until a real one is set.
        for (String guess : List.of("", blue)) {
            SQLException e = assertThrows(SQLException.class, () -> server.connect(blue, guess, db).close());
            assertEquals(1045, e.getErrorCode());
        }
        assertEquals(grantsOf(blue), grantsOf(green), "identical rights");
        assertTrue(grantsOf(blue).stream().noneMatch(g -> g.contains("ON *.*") && !g.startsWith("GRANT USAGE")),
                "nothing server-wide: " + grantsOf(blue));

        String bluePassword = password();
        String greenPassword = password();
        server.setPassword(blue, "%", bluePassword);
        server.setPassword(green, "%", greenPassword);

        try (Connection b = server.connect(blue, bluePassword, db)) {
            exec(b, "CREATE TABLE made_by_blue (id INT PRIMARY KEY, note VARCHAR(40))",
                    "INSERT INTO made_by_blue VALUES (1, 'from blue')",
                    "CREATE VIEW blue_view AS SELECT id FROM made_by_blue");
        }
        try (Connection g = server.connect(green, greenPassword, db)) {
            assertEquals("1", one(g, "SELECT COUNT(*) FROM made_by_blue"));
            exec(g, "INSERT INTO made_by_blue VALUES (2, 'from green')",
                    "UPDATE made_by_blue SET note = 'seen by green' WHERE id = 1",
                    "ALTER TABLE made_by_blue ADD COLUMN added_by_green INT",
                    "CREATE INDEX note_idx ON made_by_blue (note)",
                    "CREATE TABLE made_by_green (id INT)",
                    "INSERT INTO made_by_green VALUES (42)");
            assertEquals("2", one(g, "SELECT COUNT(*) FROM blue_view"), "a view blue defined works for green");
        }
        try (Connection b = server.connect(blue, bluePassword, db)) {
            assertEquals("42", one(b, "SELECT id FROM made_by_green"));
            exec(b, "DELETE FROM made_by_green", "DROP TABLE made_by_green");
        }

        Shell.Result third = apply(args);
        assertEquals(0, third.exit(), third.all());
        try (Connection b = server.connect(blue, bluePassword, db); Connection g = server.connect(green, greenPassword, db)) {
            assertEquals("2", one(b, "SELECT COUNT(*) FROM made_by_blue"), "a re-run keeps data and passwords");
            exec(g, "DROP VIEW blue_view", "DROP TABLE made_by_blue");
        }
        assertEquals(1045, assertThrows(SQLException.class,
                () -> server.connect(blue, greenPassword, db).close()).getErrorCode(), "passwords are really checked");
    }

    @Test
    void wrapperRejectsNamesItCannotPassSafely() throws SQLException {
        String db = DbNames.unique("bg_app");
        server.trackDatabase(db);
        for (String[] bad : List.of(
                new String[] {"--db", "x`; DROP DATABASE mysql; --", "--blue", "a", "--green", "b"},
                new String[] {"--db", db, "--blue", "a'b", "--green", "b"},
                new String[] {"--db", db, "--blue", "same", "--green", "same"},
                new String[] {"--db", db, "--blue", "a", "--green", "b", "--user-host", "%' OR '1"},
                new String[] {"--db", db, "--blue", "x".repeat(33), "--green", "b"},
                new String[] {"--db", db, "--green", "b"})) {
            Shell.Result r = apply(bad);
            assertEquals(2, r.exit(), String.join(" ", bad) + ": " + r.all());
            assertTrue(r.stderr().startsWith("apply.sh: "), r.stderr());
        }
        assertFalse(server.databaseExists(db));
    }

    @Test
    void scriptAloneRefusesMissingParametersAndCreatesNothing() throws SQLException {
        String db = DbNames.unique("bg_app");
        server.trackDatabase(db);
        String client = Shell.which("mysql") != null ? "mysql" : "mariadb";
        // Only @bg_db set: the script must stop at its parameter check.
        String input = "SET @bg_db = '" + db + "';\nsource " + Repo.file("sql/mysql/setup.sql") + "\n";
        Map<String, String> childEnv = new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));
        String adminPassword = server.adminPassword();
        if (!adminPassword.isEmpty()) {
            childEnv.put("MYSQL_PWD", adminPassword);
        }
        Shell.Result r = Shell.run(List.of(client, "--batch", "--protocol=TCP", "-h", server.host(), "-P",
                String.valueOf(server.port()), "-u", server.adminUser()),
                childEnv, Repo.root(), input);
        assertTrue(r.stderr().contains("setup.sql needs @bg_db, @bg_blue_user and @bg_green_user"), r.all());
        assertTrue(r.stdout().contains("NOT done"), r.all());
        assertFalse(server.databaseExists(db), "a SOURCEd script keeps going after an error: every step is guarded");
        assertNotEquals("", r.stderr());
    }
}
