package org.bluegreen.simulator.report;

import org.bluegreen.simulator.Simulation;
import org.bluegreen.simulator.SimulationConfig;
import org.bluegreen.simulator.strategy.WorldResult;
import org.bluegreen.simulator.time.DurationText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bluegreen.simulator.report.Markup.esc;

/**
 * The report file: XHTML (well-formed XML, so any XML parser reads it and browsers show it) with the summary, one
 * inline SVG chart per strategy and the timelines.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static Path write(Simulation.Result result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
        return file;
    }

    static String render(Simulation.Result result) {
        SimulationConfig c = result.config();
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n")
                .append("<title>bluegreen fleet simulation</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#111827}\np,details{max-width:70em}\nsvg{display:block;max-width:100%}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}\n")
                .append("th,td{border:1px solid #d1d5db;padding:3px 8px;font-size:13px}\n")
                .append("td.n{text-align:right}\nth{background:#f3f4f6}\n")
                .append(".key{display:inline-block;width:12px;height:12px;vertical-align:middle}\n")
                .append(".bad{color:#dc2626;font-weight:bold}\n.good{color:#16a34a;font-weight:bold}\n")
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>bluegreen fleet simulation</h1>\n<p>")
                .append(esc(c.months() + " month(s) from " + c.firstMonth() + ", " + c.tasks() + " tasks, "
                        + rate(c.loginsPerTaskHour()) + ", new tasks healthy after "
                        + DurationText.format(c.deployment().taskStart()) + ", old tasks drained for "
                        + DurationText.format(c.deployment().drain()) + " (minimum healthy "
                        + c.deployment().minHealthyPercent() + "%, maximum " + c.deployment().maxPercent() + "%), "
                        + DurationText.format(c.stepGap()) + " between rotation steps, seed " + c.seed() + ". Database: "
                        + result.database() + ". Ran in " + DurationText.format(result.wallTime().withNanos(0)) + "."))
                .append("</p>\n");
        summary(b, result.worlds());
        int maxTasks = SvgChart.maxTasks(result.worlds());
        for (WorldResult w : result.worlds()) {
            world(b, w, maxTasks, c.loginsPerTaskHour());
        }
        b.append("<p>Every login counted here was a real JDBC login to the database above, with the password the task read")
                .append(" from the simulated Secrets Manager when it started. <em>Stale task-time</em> is how long tasks")
                .append(" held a password the database no longer accepted; any connection they opened then failed.</p>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static String rate(double perHour) {
        return perHour >= 1 ? "each opening " + fmt(perHour) + " connection(s) per hour"
                : "each opening a connection every " + DurationText.format(java.time.Duration.ofSeconds(Math.round(3600 / perHour)));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void summary(StringBuilder b, List<WorldResult> worlds) {
        b.append("<h2>Summary</h2>\n<table>\n<tr><th>strategy</th><th>rotations done</th><th>refused</th><th>failed</th>")
                .append("<th>deployments</th><th>logins attempted</th><th>logins failed</th><th>stale task-time</th></tr>\n");
        for (WorldResult w : worlds) {
            b.append("<tr><td>").append(esc(w.kind().id())).append("</td>");
            for (long n : new long[]{w.rotationsDone(), w.rotationsRefused(), w.rotationsFailed(), w.deployments(),
                    w.loginsAttempted()}) {
                b.append("<td class=\"n\">").append(Formats.count(n)).append("</td>");
            }
            b.append("<td class=\"n ").append(w.loginsFailed() == 0 ? "good" : "bad").append("\">")
                    .append(Formats.count(w.loginsFailed())).append("</td><td class=\"n\">")
                    .append(Formats.taskTime(w.staleTaskTime())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void world(StringBuilder b, WorldResult w, int maxTasks, double rate) {
        b.append("<h2>").append(esc(w.kind().id())).append("</h2>\n<p>").append(esc(w.description())).append("</p>\n");
        b.append("<p>").append(SvgChart.legend(w.slots()));
        b.append("<span class=\"key\" style=\"background:#111827\"></span> rotation done &#160; ")
                .append("<span class=\"key\" style=\"background:#d97706\"></span> rotation refused &#160; ");
        b.append("<span class=\"key\" style=\"background:#dc2626\"></span> failed logins per day &#160; ")
                .append("<span class=\"key\" style=\"background:").append(SvgChart.OUTAGE)
                .append("\"></span> outage: tasks held a rejected password</p>\n");
        b.append(SvgChart.render(w, maxTasks));
        if (!w.outages().isEmpty()) {
            b.append("<p class=\"bad\">").append(w.outages().size()).append(" outage window(s), ")
                    .append(esc(Formats.taskTime(w.staleTaskTime()))).append(" of stale task-time in all:</p>\n<ul>\n");
            for (var o : w.outages()) {
                b.append("<li>").append(esc(SvgChart.outageText(o))).append("</li>\n");
            }
            b.append("</ul>\n<p>Note: ").append(esc(ConsoleReport.rateNote(w, rate))).append("</p>\n");
        }
        b.append("<details><summary>timeline (").append(w.history().timeline().size()).append(" events)</summary>\n")
                .append("<table>\n<tr><th>simulated time (UTC)</th><th>event</th><th>pointer</th><th>tasks</th>")
                .append("<th>failed logins so far</th></tr>\n");
        for (WorldHistory.TimelineRow r : w.history().timeline()) {
            b.append("<tr><td>").append(esc(Formats.time(r.at()))).append("</td><td>").append(esc(r.event()))
                    .append("</td><td>").append(esc(r.activeSlot())).append("</td><td>").append(esc(Formats.tasks(r.tasksPerSlot())))
                    .append("</td><td class=\"n\">").append(Formats.count(r.failedLoginsSoFar())).append("</td></tr>\n");
        }
        b.append("</table>\n</details>\n");
    }
}
