package org.bluegreen.cli.doctor;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.doctor.check.CurrentPasswordsLogIn;
import org.bluegreen.cli.doctor.check.GrantsMatch;
import org.bluegreen.cli.doctor.check.InactiveUserIdle;
import org.bluegreen.cli.doctor.check.NoStalePending;
import org.bluegreen.cli.doctor.check.PairConfigurationAgrees;
import org.bluegreen.cli.doctor.check.PointerNamesASlot;
import org.bluegreen.cli.doctor.check.ProxyKnowsBothSecrets;
import org.bluegreen.cli.doctor.check.SchedulesOnDifferentDays;
import org.bluegreen.cli.doctor.check.SecretsRotateWithOneFunction;
import org.bluegreen.cli.doctor.check.ServicesSteady;
import org.bluegreen.cli.doctor.check.TlsToDatabase;
import org.bluegreen.cli.aws.AwsUnreachable;

import java.util.ArrayList;
import java.util.List;

/** Runs every check in order; one check's failure never stops the others. */
public final class Doctor {

    /** Every condition the next rotation depends on, in the order an operator would fix them. */
    public static List<Check> allChecks() {
        return List.of(
                new SecretsRotateWithOneFunction(),
                new PairConfigurationAgrees(),
                new SchedulesOnDifferentDays(),
                new PointerNamesASlot(),
                new CurrentPasswordsLogIn(),
                new GrantsMatch(),
                new InactiveUserIdle(),
                new ServicesSteady(),
                new NoStalePending(),
                new TlsToDatabase(),
                new ProxyKnowsBothSecrets());
    }

    private final List<Check> checks;

    public Doctor(List<Check> checks) {
        this.checks = checks;
    }

    public List<CheckResult> examine(Facts facts) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            try {
                results.addAll(check.run(facts));
            } catch (NotChecked e) {
                var unreachable = AwsUnreachable.in(e);
                if (unreachable.isPresent()) {
                    results.add(CheckResult.fail(check.name(), unreachable.get().getMessage(), AwsUnreachable.ADVICE));
                    continue;
                }
                results.add(CheckResult.warn(check.name(), "not checked: " + e.getMessage(), "fix the failures above, then run doctor again"));
            } catch (CliException e) {
                results.add(CheckResult.fail(check.name(), e.getMessage(), "fix what the message names, then run doctor again"));
            } catch (RuntimeException e) {
                results.add(CheckResult.fail(check.name(), Facts.describe(e), "unexpected error: please report it with this message"));
            }
        }
        return results;
    }

    public static boolean ok(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.level() == Level.FAIL);
    }
}
