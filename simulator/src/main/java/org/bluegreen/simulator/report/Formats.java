package org.bluegreen.simulator.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** How the console and the HTML report show times, durations and task counts. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String time(Instant t) {
        return TIME.format(t);
    }

    public static String day(Instant t) {
        return DAY.format(t);
    }

    /** {@code blue 4, green 0}. */
    public static String tasks(Map<String, Integer> perSlot) {
        return perSlot.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** {@code 3h12m} or {@code 0}. */
    public static String taskTime(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long minutes = d.toMinutes();
        return minutes >= 60 ? (minutes / 60) + "h" + String.format("%02dm", minutes % 60) : minutes + "m";
    }

    public static String count(long n) {
        return String.format("%,d", n);
    }
}
