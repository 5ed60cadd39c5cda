package org.bluegreen.simulator.report;

import org.bluegreen.simulator.Simulation;
import org.bluegreen.simulator.strategy.WorldResult;

import java.util.List;

/** The timeline and the summary as plain-text tables. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    public static String timeline(Simulation.Result result) {
        StringBuilder b = new StringBuilder();
        for (WorldResult w : result.worlds()) {
            b.append("\n== ").append(w.kind().id()).append(": ").append(w.description()).append('\n');
            TextTable t = new TextTable(List.of("simulated time (UTC)", "event", "pointer", "tasks", "failed logins"),
                    false, false, false, false, true);
            for (WorldHistory.TimelineRow r : w.history().timeline()) {
                t.add(List.of(Formats.time(r.at()), r.event(), r.activeSlot(), Formats.tasks(r.tasksPerSlot()),
                        Formats.count(r.failedLoginsSoFar())));
            }
            b.append(t.render());
        }
        return b.toString();
    }

    public static String summary(Simulation.Result result) {
        TextTable t = new TextTable(List.of("strategy", "rotations done", "refused", "failed", "deployments",
                "logins attempted", "logins failed", "stale task-time"),
                false, true, true, true, true, true, true, true);
        for (WorldResult w : result.worlds()) {
            t.add(List.of(w.kind().id(), Formats.count(w.rotationsDone()), Formats.count(w.rotationsRefused()),
                    Formats.count(w.rotationsFailed()), Formats.count(w.deployments()),
                    Formats.count(w.loginsAttempted()), Formats.count(w.loginsFailed()),
                    Formats.taskTime(w.staleTaskTime())));
        }
        return t.render();
    }

    /**
     * Puts the baseline's failed logins in proportion: the simulation opens few connections to finish in a minute,
     * but a stale task fails every connection it opens, so the failures of a real app scale with its rate.
     */
    public static String notes(Simulation.Result result) {
        StringBuilder b = new StringBuilder();
        for (WorldResult w : result.worlds()) {
            if (!w.staleTaskTime().isZero()) {
                b.append("\nNote: ").append(rateNote(w, result.config().loginsPerTaskHour())).append('\n');
            }
        }
        return b.toString();
    }

    /** The sentence of {@link #notes} for one world, also in the HTML report. */
    static String rateNote(WorldResult w, double perHour) {
        return String.format("under %s, tasks held a password the database had already replaced for %s of"
                        + " task-time; every connection opened then fails. At this run's %s logins per task-hour that"
                        + " is %.1f failed logins expected (%d happened); an app opening one connection per task per"
                        + " minute would have seen about %d.",
                w.kind().id(), Formats.taskTime(w.staleTaskTime()), trim(perHour), w.expectedFailedLogins(perHour),
                w.loginsFailed(), Math.round(w.expectedFailedLogins(60)));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
