package org.bluegreen.simulator.report;

import org.bluegreen.simulator.strategy.WorldResult;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.bluegreen.simulator.report.Markup.esc;
import static org.bluegreen.simulator.report.Markup.num;

/**
 * One world over simulated time, as inline SVG: the pointer's slot (top band), running tasks per slot (step lines,
 * with rotation marks), and failed logins per day (red bars at the bottom).
 */
final class SvgChart {

    private static final int WIDTH = 960;
    static final String OUTAGE = "#fca5a5";
    private static final int LEFT = 60;
    private static final int RIGHT = 16;
    private static final int BAND_Y = 22;
    private static final int BAND_H = 14;
    private static final int TASKS_TOP = 52;
    private static final int TASKS_H = 130;
    private static final int FAIL_TOP = TASKS_TOP + TASKS_H + 22;
    private static final int FAIL_H = 44;
    private static final int AXIS_Y = FAIL_TOP + FAIL_H + 16;
    private static final int HEIGHT = AXIS_Y + 10;

    private final WorldResult world;
    private final Instant start;
    private final Instant end;
    private final int maxTasks;

    private SvgChart(WorldResult world, int maxTasks) {
        this.world = world;
        this.start = world.start();
        this.end = world.end();
        this.maxTasks = Math.max(1, maxTasks);
    }

    static String render(WorldResult world, int maxTasks) {
        return new SvgChart(world, maxTasks).svg();
    }

    static String color(String slot) {
        return switch (slot) {
            case "blue" -> "#2563eb";
            case "green" -> "#16a34a";
            default -> "#6b7280";
        };
    }

    private String svg() {
        StringBuilder b = new StringBuilder();
        // No fixed size: the viewBox scales with the page's width, keeping its proportions.
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"")
                .append(" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(esc(world.kind().id() + ": active slot, tasks per slot and failed logins over simulated time"))
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        outages(b);
        activeSlotBand(b);
        tasksPerSlot(b);
        rotationMarks(b);
        failedLogins(b);
        axis(b);
        b.append("</svg>\n");
        return b.toString();
    }

    private double x(Instant t) {
        double f = (double) Duration.between(start, t).toSeconds() / Duration.between(start, end).toSeconds();
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(1, f));
    }

    private double tasksY(int n) {
        return TASKS_TOP + TASKS_H - (double) TASKS_H * n / maxTasks;
    }

    private void activeSlotBand(StringBuilder b) {
        b.append("<text x=\"4\" y=\"").append(BAND_Y + 11).append("\">pointer</text>\n");
        List<WorldHistory.SlotSample> samples = world.history().slotSamples();
        for (int i = 0; i < samples.size(); i++) {
            WorldHistory.SlotSample s = samples.get(i);
            Instant until = i + 1 < samples.size() ? samples.get(i + 1).at() : end;
            b.append("<rect x=\"").append(num(x(s.at()))).append("\" y=\"").append(BAND_Y).append("\" width=\"")
                    .append(num(Math.max(0.5, x(until) - x(s.at())))).append("\" height=\"").append(BAND_H)
                    .append("\" fill=\"").append(color(s.activeSlot())).append("\"><title>")
                    .append(esc("pointer: " + s.activeSlot() + " from " + Formats.time(s.at()) + " to " + Formats.time(until)))
                    .append("</title></rect>\n");
        }
    }

    /**
     * Each outage window as a shaded column over the whole chart, at least 3 units wide: three hours of three
     * months would otherwise be a hairline.
     */
    private void outages(StringBuilder b) {
        for (var o : world.outages()) {
            double x0 = x(o.from());
            double w = Math.max(3, x(o.until()) - x0);
            b.append("<rect class=\"outage\" x=\"").append(num(x0)).append("\" y=\"").append(BAND_Y - 4).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(FAIL_TOP + FAIL_H - BAND_Y + 4)
                    .append("\" fill=\"").append(OUTAGE).append("\" fill-opacity=\"0.45\"><title>")
                    .append(esc(outageText(o))).append("</title></rect>\n");
        }
    }

    /** {@code outage: 2025-01-01 02:10 to 05:26 (3h16m), 4 tasks with a rejected password}. */
    static String outageText(org.bluegreen.simulator.fleet.Outage o) {
        return "outage from " + Formats.time(o.from()) + " to " + Formats.time(o.until()) + " ("
                + org.bluegreen.simulator.time.DurationText.format(o.duration().withNanos(0)) + "): " + o.tasks()
                + " task(s) held a password the database had replaced";
    }

    private void tasksPerSlot(StringBuilder b) {
        b.append("<text x=\"4\" y=\"").append(TASKS_TOP + 10).append("\">tasks</text>\n");
        for (int n : new int[]{0, maxTasks / 2, maxTasks}) {
            double y = tasksY(n);
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#e5e7eb\"/>\n");
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4)).append("\" text-anchor=\"end\">")
                    .append(n).append("</text>\n");
        }
        List<WorldHistory.TaskSample> samples = world.history().taskSamples();
        List<String> slots = world.slots();
        for (int i = 0; i < slots.size(); i++) {
            String slot = slots.get(i);
            double offset = i * 2.0; // keeps two lines at the same count both visible
            StringBuilder d = new StringBuilder();
            double lastY = Double.NaN;
            for (int k = 0; k < samples.size(); k++) {
                WorldHistory.TaskSample s = samples.get(k);
                if (k + 1 < samples.size() && samples.get(k + 1).at().equals(s.at())) {
                    continue; // tasks that start at one instant: draw only where they end up
                }
                double y = tasksY(s.tasksPerSlot().getOrDefault(slot, 0)) - offset;
                if (Double.isNaN(lastY)) {
                    d.append('M').append(num(x(s.at()))).append(' ').append(num(y));
                } else {
                    d.append(" H").append(num(x(s.at()))).append(" V").append(num(y));
                }
                lastY = y;
            }
            if (!Double.isNaN(lastY)) {
                d.append(" H").append(num(x(end)));
                b.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(color(slot))
                        .append("\" stroke-width=\"2\"><title>").append(esc("tasks on " + slot)).append("</title></path>\n");
            }
        }
    }

    private void rotationMarks(StringBuilder b) {
        for (WorldHistory.TimelineRow r : world.history().timeline()) {
            if (r.outcome() == null) {
                continue;
            }
            String stroke = switch (r.outcome()) {
                case DONE -> "#111827";
                case REFUSED -> "#d97706";
                case FAILED -> "#dc2626";
            };
            double xx = x(r.at());
            b.append("<line x1=\"").append(num(xx)).append("\" x2=\"").append(num(xx)).append("\" y1=\"").append(TASKS_TOP - 8)
                    .append("\" y2=\"").append(TASKS_TOP + TASKS_H).append("\" stroke=\"").append(stroke)
                    .append("\" stroke-dasharray=\"3 3\"><title>").append(esc(Formats.time(r.at()) + " " + r.event()))
                    .append("</title></line>\n");
        }
    }

    private void failedLogins(StringBuilder b) {
        b.append("<text x=\"4\" y=\"").append(FAIL_TOP + 10).append("\">failed</text>\n");
        b.append("<text x=\"4\" y=\"").append(FAIL_TOP + 23).append("\">logins</text>\n");
        LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
        int days = (int) Duration.between(start, end).toDays();
        int[] perDay = new int[Math.max(1, days)];
        for (Instant f : world.history().failedLogins()) {
            int d = (int) Duration.between(start, f).toDays();
            perDay[Math.min(perDay.length - 1, Math.max(0, d))]++;
        }
        int max = 0;
        for (int c : perDay) {
            max = Math.max(max, c);
        }
        b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(FAIL_TOP + FAIL_H)
                .append("\" y2=\"").append(FAIL_TOP + FAIL_H).append("\" stroke=\"#9ca3af\"/>\n");
        if (max == 0) {
            b.append("<text x=\"").append(LEFT + 6).append("\" y=\"").append(FAIL_TOP + FAIL_H - 6)
                    .append("\" fill=\"#16a34a\">no failed logins</text>\n");
            return;
        }
        b.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(FAIL_TOP - 4).append("\" text-anchor=\"end\"")
                .append(" fill=\"#b91c1c\">").append(world.loginsFailed()).append(" failed in all, at most ").append(max)
                .append(" on one day</text>\n");
        for (int d = 0; d < perDay.length; d++) {
            if (perDay[d] == 0) {
                continue;
            }
            Instant dayStart = start.plus(Duration.ofDays(d));
            double x0 = x(dayStart);
            double w = Math.max(1.5, x(dayStart.plus(Duration.ofDays(1))) - x0);
            double h = Math.max(2, (double) FAIL_H * perDay[d] / max);
            b.append("<rect x=\"").append(num(x0)).append("\" y=\"").append(num(FAIL_TOP + FAIL_H - h)).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"#dc2626\"><title>")
                    .append(esc(perDay[d] + " failed login" + (perDay[d] == 1 ? "" : "s") + " on " + first.plusDays(d)))
                    .append("</title></rect>\n");
        }
    }

    private void axis(StringBuilder b) {
        LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(end, ZoneOffset.UTC);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (day.getDayOfMonth() != 1 && day.getDayOfMonth() != 15) {
                continue;
            }
            double xx = x(day.atStartOfDay().toInstant(ZoneOffset.UTC));
            b.append("<line x1=\"").append(num(xx)).append("\" x2=\"").append(num(xx)).append("\" y1=\"").append(FAIL_TOP + FAIL_H)
                    .append("\" y2=\"").append(FAIL_TOP + FAIL_H + 4).append("\" stroke=\"#6b7280\"/>\n");
            String anchor = xx > WIDTH - RIGHT - 20 ? "end" : "middle"; // the last label stays inside the picture
            b.append("<text x=\"").append(num(xx)).append("\" y=\"").append(AXIS_Y).append("\" text-anchor=\"")
                    .append(anchor).append("\">")
                    .append(esc(Formats.day(day.atStartOfDay().toInstant(ZoneOffset.UTC)))).append("</text>\n");
        }
    }

    /** Largest number of tasks running at once in any world: one scale for all charts. */
    static int maxTasks(List<WorldResult> worlds) {
        int max = 0;
        for (WorldResult w : worlds) {
            for (WorldHistory.TaskSample s : w.history().taskSamples()) {
                max = Math.max(max, s.tasksPerSlot().values().stream().mapToInt(Integer::intValue).sum());
            }
        }
        return max;
    }

    static String legend(List<String> slots) {
        StringBuilder b = new StringBuilder();
        for (String slot : slots) {
            b.append("<span class=\"key\" style=\"background:").append(color(slot)).append("\"></span> ")
                    .append(esc(slot)).append(" &#160; ");
        }
        return b.toString();
    }
}
