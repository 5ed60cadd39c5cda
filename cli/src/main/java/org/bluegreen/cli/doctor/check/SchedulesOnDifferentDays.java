package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.pair.Role;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Blue and green must not rotate on the same day: the second rotation of the day would find the services still
 * rolling out from the first one's switch (and the first one's user still connected), and be refused.
 */
public final class SchedulesOnDifferentDays implements Check {

    /** How far ahead rate schedules are projected: a year catches periods that meet only now and then. */
    static final Duration HORIZON = Duration.ofDays(366);

    @Override
    public String name() {
        return "schedules";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        RotationSchedule blue = enabled(facts, Role.BLUE);
        RotationSchedule green = enabled(facts, Role.GREEN);
        String blueName = facts.meta(Role.BLUE).name();
        String greenName = facts.meta(Role.GREEN).name();
        String schedules = blueName + ": " + blue.schedule() + ", " + greenName + ": " + green.schedule();
        String fix = "move one schedule to another day, e.g. aws secretsmanager rotate-secret --secret-id " + greenName
                + " --rotation-rules '{\"ScheduleExpression\": \"cron(0 4 15 * ? *)\"}' --no-rotate-immediately";

        if (RotationDays.sameCronDays(blue, green)) {
            return List.of(CheckResult.fail(name(), "both secrets rotate on the same days (" + schedules + ")", fix));
        }
        Optional<SortedSet<LocalDate>> blueDays = RotationDays.within(blue, HORIZON);
        Optional<SortedSet<LocalDate>> greenDays = RotationDays.within(green, HORIZON);
        if (blueDays.isEmpty() || greenDays.isEmpty()) {
            String unknown = blueDays.isEmpty() ? blueName : greenName;
            return List.of(CheckResult.warn(name(), "Secrets Manager gives no next rotation date for " + unknown
                    + " (" + schedules + ")", "check the schedules by hand: they must not fall on the same day"));
        }
        SortedSet<LocalDate> common = new TreeSet<>(blueDays.get());
        common.retainAll(greenDays.get());
        if (!common.isEmpty()) {
            return List.of(CheckResult.fail(name(), "both secrets rotate on " + common.first()
                    + (common.size() > 1 ? " (and " + (common.size() - 1) + " more days within a year)" : "")
                    + " (" + schedules + ")", fix));
        }
        return List.of(CheckResult.pass(name(), blueName + " next rotates on " + blueDays.get().first() + ", " + greenName
                + " on " + greenDays.get().first() + "; no common day "
                + (RotationDays.period(blue).isPresent() && RotationDays.period(green).isPresent() ? "within a year" : "next")
                + " (" + schedules + ")"));
    }

    private static RotationSchedule enabled(Facts facts, Role role) {
        RotationSchedule r = facts.rotation(role);
        if (!r.enabled()) {
            throw new NotChecked("rotation is off for " + facts.meta(role).name());
        }
        return r;
    }
}
