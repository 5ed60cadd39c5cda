package org.bluegreen.simulator;

import org.bluegreen.simulator.db.DatabaseServer;
import org.bluegreen.simulator.db.PostgresServer;
import org.bluegreen.simulator.db.SimulationUsers;
import org.bluegreen.simulator.report.HtmlReport;
import org.bluegreen.simulator.report.Progress;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.simulator.strategy.WorldResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.postgresql.PGConnection;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short simulation against the embedded, password-checking PostgreSQL: two months of {@link ShortSimulation}.
 * {@code MariaDbSimulationTest} plays the same against MariaDB.
 */
class SimulationTest {

    private static final int MONTHS = 2;

    private static PostgresServer database;

    @BeforeAll
    static void startDatabase() {
        database = PostgresServer.embedded(false);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    static SimulationConfig config(Path report, long seed, int months, List<StrategyKind> strategies) {
        return ShortSimulation.config(report, seed, months, strategies);
    }

    @Test
    void blueGreenNeverFailsTheBaselineFailsAsTheScheduleDictatesAndMisfiresAreRefused(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.html");
        SimulationConfig config = config(report, 7, MONTHS, List.of(StrategyKind.values()));
        Simulation.Result result = Simulation.run(config, database, Progress.silent());
        ShortSimulation.assertCounts(result);
    }

    @Test
    void theReportIsWellFormedXhtmlWithOneChartPerStrategy(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("sub").resolve("report.html");
        SimulationConfig config = config(report, 3, 1, List.of(StrategyKind.BLUEGREEN, StrategyKind.SINGLE_USER));
        Simulation.Result result = Simulation.run(config, database, Progress.silent());
        HtmlReport.write(result, report);

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(report.toFile());
        Element html = doc.getDocumentElement();
        assertEquals("http://www.w3.org/1999/xhtml", html.getNamespaceURI());
        assertEquals("html", html.getLocalName());
        NodeList charts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertEquals(2, charts.getLength());
        // Each chart draws the pointer band and the task lines; the baseline's chart also has red failure bars.
        for (int i = 0; i < charts.getLength(); i++) {
            Element svg = (Element) charts.item(i);
            assertTrue(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength() >= 1);
            assertTrue(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength() >= 1);
        }
        String text = Files.readString(report);
        assertTrue(text.contains(">bluegreen<") && text.contains(">single-user<"));
        assertTrue(text.contains("fill=\"#dc2626\""), "the baseline's failed logins are drawn");
        // The baseline's outage windows are drawn on its chart (and only there), one per window the fleet saw.
        WorldResult single = result.worlds().stream().filter(w -> w.kind() == StrategyKind.SINGLE_USER).findFirst().orElseThrow();
        assertFalse(single.outages().isEmpty());
        assertEquals(single.outages().size(), text.split("class=\"outage\"", -1).length - 1);
        // the windows are the union of the tasks' stale spans: no longer in all than their sum
        java.time.Duration windows = single.outages().stream().map(o -> o.duration()).reduce(java.time.Duration.ZERO,
                java.time.Duration::plus);
        assertTrue(!windows.isZero() && !windows.isNegative() && windows.compareTo(single.staleTaskTime()) <= 0, windows + " vs " + single.staleTaskTime());
        assertTrue(text.contains("an app opening one connection per task per minute would have seen about"), "the rate-scaled estimate");

        // The rotator's log (the real handler's JSON lines) is written beside the report, and holds no password.
        Path log = result.rotatorLogs().get(0);
        String lines = Files.readString(log);
        assertTrue(lines.contains("\"event\":\"finishSecret\""), lines);
        assertFalse(lines.contains("\"password\""));
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path dir) throws Exception {
        List<StrategyKind> two = List.of(StrategyKind.BLUEGREEN, StrategyKind.SINGLE_USER);
        Simulation.Result first = Simulation.run(config(dir.resolve("a.html"), 11, 1, two), database, Progress.silent());
        Simulation.Result second = Simulation.run(config(dir.resolve("b.html"), 11, 1, two), database, Progress.silent());
        for (StrategyKind kind : two) {
            WorldResult a = first.world(kind);
            WorldResult b = second.world(kind);
            assertEquals(a.loginsAttempted(), b.loginsAttempted());
            assertEquals(a.loginsFailed(), b.loginsFailed());
            assertEquals(a.history().failedLogins(), b.history().failedLogins());
            assertEquals(a.history().timeline(), b.history().timeline());
        }
        Simulation.Result otherSeed = Simulation.run(config(dir.resolve("c.html"), 12, 1, two), database, Progress.silent());
        assertFalse(otherSeed.world(StrategyKind.BLUEGREEN).history().timeline()
                .equals(first.world(StrategyKind.BLUEGREEN).history().timeline()), "the seed moves rotation start times");
    }

    @Test
    void anExistingServerWorksWithAnAdminThatMayCreateRolesAndIsLeftClean(@TempDir Path dir) throws Exception {
        String admin = "sim_admin_" + Long.toString(System.nanoTime(), 36);
        String password = SimulationUsers.newPassword();
        try (Connection c = database.adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + admin + " LOGIN CREATEROLE");
            c.unwrap(PGConnection.class).alterUserPassword(admin, password.toCharArray(), "scram-sha-256");
        }
        String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/postgres?sslmode=disable";
        DatabaseServer existing = DatabaseServer.existing(url, admin, password, false);
        Simulation.Result result = Simulation.run(config(dir.resolve("r.html"), 5, 1, List.of(StrategyKind.BLUEGREEN)),
                existing, Progress.silent());
        assertEquals(2, result.world(StrategyKind.BLUEGREEN).rotationsDone());
        assertEquals(0, result.world(StrategyKind.BLUEGREEN).loginsFailed());
        try (Connection c = database.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'bgsim\\_%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the run dropped the roles it created");
            s.execute("DROP ROLE " + admin);
        }
    }
}
