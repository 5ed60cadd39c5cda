package org.bluegreen.simulator.fleet;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Outage windows: from the first task's password going stale until the last such task stopped. */
class OutageTest {

    private static final Instant T = Instant.parse("2025-01-01T02:00:00Z");
    private int serial;

    private AppTask task(Duration staleAfter, Duration stoppedAfter) {
        AppTask t = new AppTask(++serial, "d1", T.minus(Duration.ofDays(1)), new Credentials("app", null));
        if (staleAfter != null) {
            t.markStale(T.plus(staleAfter));
        }
        if (stoppedAfter != null) {
            t.stop(T.plus(stoppedAfter));
        }
        return t;
    }

    @Test
    void overlappingStaleTasksMakeOneWindowUntilTheLastStops() {
        List<AppTask> tasks = List.of(
                task(Duration.ZERO, Duration.ofMinutes(10)),
                task(Duration.ZERO, Duration.ofMinutes(25)),
                task(Duration.ofMinutes(5), Duration.ofMinutes(20)),
                task(null, Duration.ofMinutes(30)), // never stale
                task(Duration.ofDays(14), null)); // still stale at the end
        Instant end = T.plus(Duration.ofDays(15));
        assertEquals(List.of(new Outage(T, T.plus(Duration.ofMinutes(25)), 3), new Outage(T.plus(Duration.ofDays(14)), end, 1)),
                Outage.of(tasks, end));
    }
}
