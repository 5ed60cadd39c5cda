package org.bluegreen.simulator.time;

import org.bluegreen.simulator.time.RotationCalendar.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotationCalendarTest {

    private final RotationCalendar calendar =
            new RotationCalendar(YearMonth.of(2025, 1), 3, Duration.ofHours(4), new Jitter(42));

    @Test
    void blueOnTheFirstGreenOnTheFifteenthWithinTheWindow() {
        List<Trigger> triggers = calendar.scheduled();
        assertEquals(6, triggers.size());
        int[] days = {1, 15, 1, 15, 1, 15};
        for (int i = 0; i < triggers.size(); i++) {
            Trigger t = triggers.get(i);
            LocalDate day = LocalDate.ofInstant(t.at(), ZoneOffset.UTC);
            assertEquals(days[i], day.getDayOfMonth());
            assertEquals(i % 2 == 0 ? "blue" : "green", t.slot());
            Duration afterMidnight = Duration.between(day.atStartOfDay().toInstant(ZoneOffset.UTC), t.at());
            assertTrue(afterMidnight.compareTo(Duration.ofHours(4)) < 0, afterMidnight.toString());
        }
    }

    @Test
    void theSimulationStartsTheDayBeforeAndEndsAfterTheLastMonth() {
        assertEquals(Instant.parse("2024-12-31T00:00:00Z"), calendar.start());
        assertEquals(Instant.parse("2025-04-01T00:00:00Z"), calendar.end());
    }

    @Test
    void misfiresHitEachSlotAWeekAfterItBecameActive() {
        List<Trigger> all = calendar.withMisfires();
        assertEquals(12, all.size());
        List<Trigger> misfires = all.stream().filter(Trigger::misfire).toList();
        assertEquals(6, misfires.size());
        for (Trigger t : misfires) {
            int day = LocalDate.ofInstant(t.at(), ZoneOffset.UTC).getDayOfMonth();
            assertEquals(t.slot().equals("blue") ? 8 : 22, day);
        }
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).at().isBefore(all.get(i).at()));
        }
    }

    @Test
    void theSeedMovesStartTimesAndOnlyTheSeed() {
        RotationCalendar same = new RotationCalendar(YearMonth.of(2025, 1), 3, Duration.ofHours(4), new Jitter(42));
        RotationCalendar other = new RotationCalendar(YearMonth.of(2025, 1), 3, Duration.ofHours(4), new Jitter(43));
        assertEquals(calendar.scheduled(), same.scheduled());
        assertNotEquals(calendar.scheduled(), other.scheduled());
    }
}
