package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.aws.AwsUnreachable;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.pair.Role;

import java.util.ArrayList;
import java.util.List;

/** Both secrets exist and rotate, with the same Lambda function: one function knows the whole pair. */
public final class SecretsRotateWithOneFunction implements Check {

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (Role role : Role.values()) {
            try {
                RotationSchedule r = facts.rotation(role);
                if (!r.enabled()) {
                    problems.add("rotation is off for " + facts.meta(role).name());
                    fixes.add("turn it on: aws secretsmanager rotate-secret --secret-id " + facts.meta(role).name()
                            + " --rotation-lambda-arn <the rotator's ARN> --rotation-rules <schedule> --no-rotate-immediately");
                }
            } catch (NotChecked e) {
                if (AwsUnreachable.in(e).isPresent()) {
                    throw e; // nothing to do with the name given to --blue or --green
                }
                problems.add(e.getMessage());
                fixes.add("check the name or ARN given to --" + role + " and your permissions");
            }
        }
        if (problems.isEmpty()) {
            String blue = facts.rotation(Role.BLUE).lambdaArn();
            String green = facts.rotation(Role.GREEN).lambdaArn();
            if (blue == null || !blue.equals(green)) {
                return List.of(CheckResult.fail(name(), facts.meta(Role.BLUE).name() + " rotates with " + blue + ", "
                                + facts.meta(Role.GREEN).name() + " with " + green,
                        "use one function for both: aws secretsmanager rotate-secret --secret-id " + facts.meta(Role.GREEN).name()
                                + " --rotation-lambda-arn " + blue + " --no-rotate-immediately"));
            }
            return List.of(CheckResult.pass(name(), facts.meta(Role.BLUE).name() + " and " + facts.meta(Role.GREEN).name()
                    + " both rotate with " + blue));
        }
        return List.of(CheckResult.fail(name(), String.join("; ", problems), String.join("; ", fixes)));
    }
}
