package org.bluegreen.simulator;

import org.bluegreen.simulator.db.MySqlServer;
import org.bluegreen.simulator.db.SimulationUsers;
import org.bluegreen.simulator.report.Progress;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short simulation of {@link SimulationTest}, against the tests' MySQL-family server (a private MariaDB, or the
 * one {@code MYSQL_HOST}/{@code MYSQL_PORT} name: {@link org.bluegreen.testkit.db.TestServers#mysqlFamily()}).
 * Fails, does not skip, when no server can be had.
 */
class MariaDbSimulationTest {

    private static final int MONTHS = 2;

    /** A separate administration of the same server, to look at what a run left behind. */
    private static MariaDbServer inspector;
    private static MySqlServer database;

    @BeforeAll
    static void openDatabase() {
        inspector = MariaDbServer.fromEnvironment();
        database = MySqlServer.open(MariaDbServer.fromEnvironment(), false);
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        if (database != null) {
            database.close();
            assertFalse(inspector.databaseExists(database.database()), "the run's database is dropped at the end");
        }
        if (inspector != null) {
            inspector.close();
        }
    }

    @Test
    void theSameCountsAsOnPostgresAndTheRunsUsersAreDropped(@TempDir Path dir) throws Exception {
        SimulationConfig config = ShortSimulation.config(dir.resolve("report.html"), 7, MONTHS, List.of(StrategyKind.values()));
        Simulation.Result result = Simulation.run(config, database, Progress.silent());
        ShortSimulation.assertCounts(result);
        // Every user the run made had all privileges on the run's database; none is left.
        assertEquals(0, grantsOn(database.database()), "the run dropped the users it created");
    }

    @Test
    void theSecretsNameTheEngineFromTheServersVersion() throws Exception {
        String expected = inspector.isMariaDb() ? "mariadb" : "mysql";
        assertEquals(expected, database.engine());
        Map<String, Object> value = new SimulationUsers(database).secretValue("bgsim_x_blue", "pw");
        assertEquals(expected, value.get("engine"));
        assertEquals(inspector.host(), value.get("host"));
        assertEquals(inspector.port(), value.get("port"));
        assertEquals(database.database(), value.get("dbname"));
        assertEquals(false, value.get("ssl"));
        assertTrue(database.describe().startsWith(expected.equals("mariadb") ? "MariaDB " : "MySQL "), database.describe());
    }

    @Test
    void theCommandTakesAMariaDbUrlAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String url = "jdbc:mariadb://" + inspector.host() + ":" + inspector.port() + "/";
        int status = SimulatorCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "--jdbc-url", url,
                "--admin-user", inspector.adminUser(),
                "--admin-password", inspector.adminPassword(),
                "--months", "1", "--tasks", "2", "--rate", "0.25", "--strategies", "bluegreen,misfire",
                "--report", dir.resolve("report.html").toString());
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, stdout + err.toString(StandardCharsets.UTF_8));
        Matcher db = Pattern.compile("^Database: (MariaDB|MySQL) .* database (bgsim_[0-9a-f]+) made for this run",
                Pattern.MULTILINE).matcher(stdout);
        assertTrue(db.find(), stdout);
        assertTrue(stdout.contains("rotate blue: done"), stdout);
        assertTrue(stdout.contains("refused by the active-slot guard"), stdout);
        assertFalse(inspector.databaseExists(db.group(2)), "the command dropped its database");
        assertEquals(0, grantsOn(db.group(2)), "the command dropped its users");
    }

    /** Accounts with privileges on {@code database}: a dropped user loses its rows in mysql.db. */
    private static int grantsOn(String database) throws SQLException {
        try (Connection c = inspector.adminConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM mysql.db WHERE Db = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
