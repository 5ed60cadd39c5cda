package org.bluegreen.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as an operator reads them: UTC to the minute, and ages such as {@code 3d 4h}. */
public final class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String at(Instant t) {
        return t == null ? "-" : MINUTE.format(t);
    }

    /** How long ago {@code t} was, in its two largest units. */
    public static String age(Instant t, Instant now) {
        if (t == null) {
            return "-";
        }
        Duration d = Duration.between(t, now);
        if (d.isNegative()) {
            return "in " + span(d.negated());
        }
        return span(d);
    }

    /** {@code at(t)} followed by the age, e.g. {@code 2026-03-16 08:00Z, 2h 5m ago}. */
    public static String atWithAge(Instant t, Instant now) {
        if (t == null) {
            return "-";
        }
        Duration d = Duration.between(t, now);
        return at(t) + ", " + (d.isNegative() ? "in " + span(d.negated()) : span(d) + " ago");
    }

    private static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m";
        }
        return d.toSecondsPart() + "s";
    }
}
