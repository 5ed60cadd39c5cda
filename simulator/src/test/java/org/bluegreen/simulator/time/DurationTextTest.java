package org.bluegreen.simulator.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationTextTest {

    @Test
    void parsesWhatPeopleType() {
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
        assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
        assertEquals(Duration.ofMinutes(90), DurationText.parse("1h30m"));
        assertEquals(Duration.ofDays(1), DurationText.parse("1d"));
        assertEquals(Duration.ofMillis(250), DurationText.parse("250ms"));
        assertEquals(Duration.ofMinutes(3), DurationText.parse("PT3M"));
        assertEquals(Duration.ZERO, DurationText.parse("0"));
    }

    @Test
    void rejectsTheRest() {
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("5 minutes"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("m5"));
    }

    @Test
    void formatsShortly() {
        assertEquals("8m10s", DurationText.format(Duration.ofSeconds(490)));
        assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
        assertEquals("0s", DurationText.format(Duration.ZERO));
    }
}
