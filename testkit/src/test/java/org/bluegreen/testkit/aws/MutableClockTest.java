package org.bluegreen.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    @Test
    void setAdvanceAndZones() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        assertEquals(ZoneOffset.UTC, clock.getZone());
        assertEquals(Instant.parse("2025-01-01T00:01:00Z"), clock.advance(Duration.ofMinutes(1)));
        assertEquals(Instant.parse("2025-01-01T00:01:00Z"), clock.instant());
        var paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.set(Instant.parse("2030-06-01T12:00:00Z"));
        assertEquals(Instant.parse("2030-06-01T12:00:00Z"), paris.instant(), "zone views follow the clock");
        assertSame(clock, clock.withZone(ZoneOffset.UTC));
    }
}
