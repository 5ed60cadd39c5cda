package org.bluegreen.simulator.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The schedule: blue rotates on the 1st of every month, green on the 15th. Like a Secrets Manager schedule with
 * a rotation window, each rotation starts at a seeded moment within {@code window} after midnight UTC.
 * The simulation begins the day before the first rotation, so the fleet is up and steady when it comes.
 */
public final class RotationCalendar {

    public static final String BLUE = "blue";
    public static final String GREEN = "green";

    /** One trigger of a secret's rotation. {@code misfire}: the schedule fired for a slot the app is using. */
    public record Trigger(Instant at, String slot, boolean misfire) {
    }

    private final YearMonth firstMonth;
    private final int months;
    private final Duration window;
    private final Jitter jitter;

    public RotationCalendar(YearMonth firstMonth, int months, Duration window, Jitter jitter) {
        this.firstMonth = firstMonth;
        this.months = months;
        this.window = window;
        this.jitter = jitter;
    }

    public Instant start() {
        return midnight(firstMonth.atDay(1).minusDays(1));
    }

    public Instant end() {
        return midnight(firstMonth.plusMonths(months).atDay(1));
    }

    /** Blue on the 1st, green on the 15th, for every month. */
    public List<Trigger> scheduled() {
        List<Trigger> out = new ArrayList<>();
        for (int m = 0; m < months; m++) {
            YearMonth month = firstMonth.plusMonths(m);
            out.add(new Trigger(startWithinWindow(month.atDay(1)), BLUE, false));
            out.add(new Trigger(startWithinWindow(month.atDay(15)), GREEN, false));
        }
        return out;
    }

    /**
     * A schedule that also fires each slot a week after its rotation, while the app is using it: blue on the 8th,
     * green on the 22nd.
     */
    public List<Trigger> withMisfires() {
        List<Trigger> out = new ArrayList<>(scheduled());
        for (int m = 0; m < months; m++) {
            YearMonth month = firstMonth.plusMonths(m);
            out.add(new Trigger(startWithinWindow(month.atDay(8)), BLUE, true));
            out.add(new Trigger(startWithinWindow(month.atDay(22)), GREEN, true));
        }
        out.sort(Comparator.comparing(Trigger::at));
        return out;
    }

    private Instant startWithinWindow(LocalDate day) {
        long offsetSeconds = (long) (window.toSeconds() * jitter.unit("rotation-start", day.toEpochDay()));
        return midnight(day).plusSeconds(offsetSeconds);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
