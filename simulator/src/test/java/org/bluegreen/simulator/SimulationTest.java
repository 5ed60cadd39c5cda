package org.bluegreen.simulator;

import org.bluegreen.simulator.db.EmbeddedServer;
import org.bluegreen.simulator.db.ExistingServer;
import org.bluegreen.simulator.db.SimulationRoles;
import org.bluegreen.simulator.deploy.DeploymentTiming;
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
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short simulation against the embedded, password-checking PostgreSQL: two months, two tasks, one login per task
 * every 4 simulated hours. The timings are chosen so the single-user baseline's failures follow from the schedule
 * alone, whatever the seeded login phases.
 */
class SimulationTest {

    private static final int MONTHS = 2;
    private static final int TASKS = 2;
    private static final Duration STEP_GAP = Duration.ofMinutes(30);
    private static final Duration TASK_START = Duration.ofMinutes(60);
    private static final Duration DRAIN = Duration.ofMinutes(120);
    private static final double LOGINS_PER_HOUR = 0.25;

    private static EmbeddedServer database;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedServer.start(false);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    static SimulationConfig config(Path report, long seed, int months, List<StrategyKind> strategies) {
        return new SimulationConfig(months, TASKS, LOGINS_PER_HOUR, new DeploymentTiming(TASK_START, DRAIN, 100, 200),
                STEP_GAP, Duration.ofHours(4), YearMonth.of(2025, 1), seed, strategies, true, report, 3);
    }

    @Test
    void blueGreenNeverFailsTheBaselineFailsAsTheScheduleDictatesAndMisfiresAreRefused(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.html");
        SimulationConfig config = config(report, 7, MONTHS, List.of(StrategyKind.values()));
        Simulation.Result result = Simulation.run(config, database, Progress.silent());

        int rotations = 2 * MONTHS; // blue on the 1st, green on the 15th
        WorldResult blueGreen = result.world(StrategyKind.BLUEGREEN);
        assertEquals(rotations, blueGreen.rotationsDone());
        assertEquals(0, blueGreen.rotationsRefused() + blueGreen.rotationsFailed());
        assertEquals(rotations, blueGreen.deployments());
        assertEquals(0, blueGreen.loginsFailed());
        assertEquals(Duration.ZERO, blueGreen.staleTaskTime());

        WorldResult misfire = result.world(StrategyKind.MISFIRE);
        assertEquals(rotations, misfire.rotationsDone(), "every scheduled rotation completes, reattempting the refused one");
        assertEquals(rotations, misfire.rotationsRefused(), "each misfire (8th, 22nd) is refused by the guard");
        assertEquals(0, misfire.rotationsFailed());
        assertEquals(rotations, misfire.deployments(), "a refused rotation deploys nothing");
        assertEquals(0, misfire.loginsFailed());
        assertTrue(misfire.history().timeline().stream().anyMatch(r -> r.event().contains("refused by the active-slot guard")));

        // Baseline: the old tasks' password stops working at setSecret (one gap after the trigger) and they stop after
        // the rest of the rotation (two more gaps), the new tasks' start and the drain. A task logs in every interval
        // at a fixed phase, so a window that is a whole number of intervals long holds exactly that many of its logins.
        Duration staleWindow = STEP_GAP.multipliedBy(2).plus(TASK_START).plus(DRAIN);
        Duration interval = config.loginInterval();
        assertEquals(0, staleWindow.toMillis() % interval.toMillis(), "test timings must make the window whole intervals");
        long loginsPerStaleTask = staleWindow.toMillis() / interval.toMillis();
        WorldResult single = result.world(StrategyKind.SINGLE_USER);
        assertEquals(rotations, single.rotationsDone());
        assertEquals(rotations, single.deployments());
        assertEquals((long) rotations * TASKS * loginsPerStaleTask, single.loginsFailed());
        assertEquals(staleWindow.multipliedBy((long) rotations * TASKS), single.staleTaskTime());

        // The same fleet, the same deployments, the same seeded phases: the same number of logins everywhere.
        assertTrue(blueGreen.loginsAttempted() > 0);
        assertEquals(blueGreen.loginsAttempted(), single.loginsAttempted());
        assertEquals(blueGreen.loginsAttempted(), misfire.loginsAttempted());
        assertEquals(0, SimulatorCommand.exitStatus(result), "no failed login and no refusal under ours");
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
        String password = SimulationRoles.newPassword();
        try (Connection c = database.adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + admin + " LOGIN CREATEROLE");
            c.unwrap(PGConnection.class).alterUserPassword(admin, password.toCharArray(), "scram-sha-256");
        }
        String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/postgres?sslmode=disable";
        ExistingServer existing = new ExistingServer(url, admin, password, false);
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
