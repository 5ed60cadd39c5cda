package org.bluegreen.simulator.report;

import org.bluegreen.simulator.Simulation;
import org.bluegreen.simulator.SimulationConfig;
import org.bluegreen.simulator.deploy.DeploymentTiming;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.simulator.strategy.WorldResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
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
        history.rotation(start.plus(Duration.ofDays(1)), WorldHistory.Outcome.FAILED,
                "rotate app: failed: <script>&\"quotes\"' \u0001", "app");
        history.loginFailed(start.plus(Duration.ofDays(1)), null, "28P01");
        history.loginFailed(start.plus(Duration.ofDays(2)), null, "28P01");
        WorldResult world = new WorldResult(StrategyKind.SINGLE_USER, "made up <&>", List.of("app"), start,
                Instant.parse("2025-02-01T00:00:00Z"), history, 1, Duration.ofMinutes(16));
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
}
