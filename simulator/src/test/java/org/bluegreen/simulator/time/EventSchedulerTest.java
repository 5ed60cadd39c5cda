package org.bluegreen.simulator.time;

import org.bluegreen.simulator.time.EventScheduler.Priority;
import org.bluegreen.testkit.aws.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventSchedulerTest {

    private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(t0);
    private final EventScheduler scheduler = new EventScheduler(clock);
    private final List<String> ran = new ArrayList<>();

    @Test
    void eventsAtOneInstantRunStateChangesFirstThenInScheduleOrder() {
        Instant t = t0.plusSeconds(10);
        scheduler.at(t, Priority.LOGIN, () -> ran.add("login-1"));
        scheduler.at(t, Priority.TASK_STOP, () -> ran.add("stop"));
        scheduler.at(t, Priority.LOGIN, () -> ran.add("login-2"));
        scheduler.at(t, Priority.ROTATION, () -> ran.add("rotation"));
        scheduler.at(t0.plusSeconds(5), Priority.LOGIN, () -> ran.add("earlier"));
        scheduler.runUntil(t0.plusSeconds(60));
        assertEquals(List.of("earlier", "rotation", "stop", "login-1", "login-2"), ran);
        assertEquals(t0.plusSeconds(60), clock.instant());
    }

    @Test
    void runUntilLeavesEventsAtTheEndForWhatTheCallerDoesThere() {
        scheduler.at(t0.plusSeconds(10), Priority.LOGIN, () -> ran.add("at-end"));
        scheduler.runUntil(t0.plusSeconds(10));
        assertEquals(List.of(), ran);
        assertEquals(t0.plusSeconds(10), clock.instant());
        assertEquals(1, scheduler.pending());
    }

    @Test
    void anEventMayRunTheSchedulerOnItself() {
        // A rotation waits for its step gap while logins go on; the clock shows each event's time as it runs.
        scheduler.at(t0.plusSeconds(1), Priority.ROTATION, () -> {
            ran.add("step1@" + clock.instant().getEpochSecond() % 100);
            scheduler.runUntil(clock.instant().plus(Duration.ofSeconds(5)));
            ran.add("step2@" + clock.instant().getEpochSecond() % 100);
        });
        scheduler.at(t0.plusSeconds(3), Priority.LOGIN, () -> ran.add("login@" + clock.instant().getEpochSecond() % 100));
        scheduler.at(t0.plusSeconds(8), Priority.LOGIN, () -> ran.add("later@" + clock.instant().getEpochSecond() % 100));
        scheduler.runUntil(t0.plusSeconds(20));
        assertEquals(List.of("step1@1", "login@3", "step2@6", "later@8"), ran);
    }

    @Test
    void thePastCannotBeScheduled() {
        clock.set(t0.plusSeconds(10));
        assertThrows(IllegalArgumentException.class, () -> scheduler.at(t0, Priority.LOGIN, () -> { }));
    }
}
