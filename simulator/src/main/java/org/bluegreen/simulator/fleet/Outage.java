package org.bluegreen.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A stretch of time in which at least one running task held a password the database no longer accepted: from the
 * moment the password changed under it (setSecret) until the last such task stopped. Every connection such a task
 * opened then failed, however few the simulation happened to try.
 *
 * @param tasks how many tasks were stale at some point of the window
 */
public record Outage(Instant from, Instant until, int tasks) {

    public Duration duration() {
        return Duration.between(from, until);
    }

    /** The tasks' stale intervals, overlapping ones merged into one window; in time order. */
    static List<Outage> of(List<AppTask> tasks, Instant end) {
        List<AppTask> stale = tasks.stream().filter(t -> t.staleSince() != null)
                .sorted(Comparator.comparing(AppTask::staleSince)).toList();
        List<Outage> windows = new ArrayList<>();
        for (AppTask t : stale) {
            Instant from = t.staleSince();
            Instant until = t.stoppedAt() != null ? t.stoppedAt() : end;
            Outage last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (last != null && !from.isAfter(last.until())) {
                windows.set(windows.size() - 1, new Outage(last.from(), until.isAfter(last.until()) ? until : last.until(), last.tasks() + 1));
            } else {
                windows.add(new Outage(from, until, 1));
            }
        }
        return List.copyOf(windows);
    }
}
