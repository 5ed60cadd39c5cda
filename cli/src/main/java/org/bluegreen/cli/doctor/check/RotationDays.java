package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.aws.RotationSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UTC days on which a secret will rotate within a horizon, from Secrets Manager's NextRotationDate and, for
 * {@code rate(...)} and days-based schedules, its period. A cron schedule gives only its next day here; two cron
 * schedules are compared by their day fields instead ({@link #sameCronDays}).
 */
final class RotationDays {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(hours?|days?)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    private RotationDays() {
    }

    /** Empty when Secrets Manager did not say when the secret rotates next. */
    static Optional<SortedSet<LocalDate>> within(RotationSchedule r, Duration horizon) {
        if (r.nextRotation() == null) {
            return Optional.empty();
        }
        SortedSet<LocalDate> days = new TreeSet<>();
        Instant first = r.nextRotation();
        Optional<Duration> period = period(r);
        if (period.isEmpty()) {
            days.add(day(first));
            return Optional.of(days);
        }
        for (Instant t = first; t.isBefore(first.plus(horizon)); t = t.plus(period.get())) {
            days.add(day(t));
        }
        return Optional.of(days);
    }

    static Optional<Duration> period(RotationSchedule r) {
        if (r.scheduleExpression() == null) {
            return r.automaticallyAfterDays() == null ? Optional.empty() : Optional.of(Duration.ofDays(r.automaticallyAfterDays()));
        }
        Matcher m = RATE.matcher(r.scheduleExpression().trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(m.group(2).startsWith("day") ? Duration.ofDays(n) : Duration.ofHours(n));
    }

    /**
     * True when both are cron expressions with the same day fields (day of month, month, day of week, year):
     * they rotate on the same days whatever the hour.
     */
    static boolean sameCronDays(RotationSchedule a, RotationSchedule b) {
        Optional<List<String>> x = cronFields(a);
        Optional<List<String>> y = cronFields(b);
        return x.isPresent() && y.isPresent() && x.get().subList(2, x.get().size()).equals(y.get().subList(2, y.get().size()));
    }

    private static Optional<List<String>> cronFields(RotationSchedule r) {
        if (r.scheduleExpression() == null) {
            return Optional.empty();
        }
        Matcher m = CRON.matcher(r.scheduleExpression().trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> fields = Arrays.asList(m.group(1).trim().split("\\s+"));
        return fields.size() >= 5 ? Optional.of(fields) : Optional.empty();
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
