package org.bluegreen.simulator.report;

import org.bluegreen.simulator.Simulation;
import org.bluegreen.simulator.SimulationConfig;
import org.bluegreen.simulator.deploy.DeploymentTiming;
import org.bluegreen.simulator.fleet.Outage;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.simulator.strategy.WorldResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report from a made-up history: it must stay well-formed XML whatever text the events carry. */
class HtmlReportTest {

    private final Instant start = Instant.parse("2024-12-31T00:00:00Z");

    @Test
    void eventTextIsEscapedAndTheDocumentParses() throws Exception {
        WorldHistory history = new WorldHistory(Progress.silent());
        history.tasksChanged(start, Map.of("app", 2));
        history.activeSlot(start, "app");
        history.rotation(start.plus(Duration.ofDays(1)), WorldHistory.Outcome.FAILED, null,
                "rotate app: failed: <script>&\"quotes\"' \u0001", "app");
        history.loginFailed(start.plus(Duration.ofDays(1)), null, "28P01");
        history.loginFailed(start.plus(Duration.ofDays(2)), null, "28P01");
        WorldResult world = new WorldResult(StrategyKind.SINGLE_USER, "made up <&>", List.of("app"), start,
                Instant.parse("2025-02-01T00:00:00Z"), history, 1, Duration.ofMinutes(16), List.of());
        SimulationConfig config = new SimulationConfig(1, 2, 1, new DeploymentTiming(Duration.ofMinutes(3),
                Duration.ofMinutes(5), 100, 200), Duration.ofSeconds(5), Duration.ofHours(4), YearMonth.of(2025, 1), 1,
                List.of(StrategyKind.SINGLE_USER), true, Path.of("r.html"), 1);
        String html = HtmlReport.render(new Simulation.Result(config, "db & co", List.of(world), Duration.ofSeconds(3), List.of()));

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        assertEquals(1, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength());
        assertTrue(doc.getDocumentElement().getTextContent().contains("<script>&\"quotes\"'"));
        // Two days with one failure each: two red bars.
        long bars = html.lines().filter(l -> l.contains("fill=\"#dc2626\"")).count();
        assertEquals(2, bars);
    }

    @Test
    void outageWindowsAreDrawnAndTheRateScaledEstimateIsInTheReport() throws Exception {
        WorldHistory history = new WorldHistory(Progress.silent());
        history.tasksChanged(start, Map.of("app", 4));
        history.activeSlot(start, "app");
        history.loginFailed(start.plus(Duration.ofDays(3)), null, "28P01");
        Instant from = start.plus(Duration.ofDays(3)).plus(Duration.ofHours(2));
        List<Outage> outages = List.of(new Outage(from, from.plus(Duration.ofMinutes(49)), 4),
                new Outage(start.plus(Duration.ofDays(20)), start.plus(Duration.ofDays(20)).plus(Duration.ofHours(1)), 2));
        WorldResult world = new WorldResult(StrategyKind.SINGLE_USER, "one user", List.of("app"), start,
                start.plus(Duration.ofDays(90)), history, 2, Duration.ofMinutes(4 * 49 + 2 * 60), outages);
        SimulationConfig config = new SimulationConfig(3, 4, 0.5, new DeploymentTiming(Duration.ofMinutes(3),
                Duration.ofMinutes(5), 100, 200), Duration.ofSeconds(5), Duration.ofHours(4), YearMonth.of(2025, 1), 1,
                List.of(StrategyKind.SINGLE_USER), true, Path.of("r.html"), 1);
        String html = HtmlReport.render(new Simulation.Result(config, "db", List.of(world), Duration.ofSeconds(3), List.of()));

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<Element> windows = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if ("outage".equals(r.getAttribute("class"))) {
                windows.add(r);
            }
        }
        assertEquals(2, windows.size());
        // 49 minutes of 90 days is a fraction of a unit wide: drawn at least 3 wide, where the window starts
        assertEquals(3.0, Double.parseDouble(windows.get(0).getAttribute("width")));
        double x0 = 60 + (960 - 60 - 16) * (Duration.between(start, from).toSeconds() / (90 * 86400.0));
        assertEquals(x0, Double.parseDouble(windows.get(0).getAttribute("x")), 0.1);
        assertTrue(windows.get(0).getTextContent().contains("4 task(s) held a password the database had replaced"));

        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("2 outage window(s)"), text);
        // 316 minutes of stale task-time at one connection per task-minute: 316 failed logins
        assertTrue(text.contains("would have seen about 316."), text);
        assertTrue(text.contains("0.5 logins per task-hour that is 2.6 failed logins expected (1 happened)"), text);

        Element svg = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").item(0);
        assertEquals("100%", svg.getAttribute("width"), "the chart scales with the page");
        assertEquals("", svg.getAttribute("height"));
        assertEquals("0 0 960 " + svg.getAttribute("viewBox").split(" ")[3], svg.getAttribute("viewBox"));
    }
}
