package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.Role;

import java.util.List;

/**
 * Each rotation reads its own secret's tags (then the function's environment): both must resolve to the same
 * pointer, cluster and services, and to two different slots, or the pair is not a pair.
 */
public final class PairConfigurationAgrees implements Check {

    @Override
    public String name() {
        return "config";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        facts.meta(Role.BLUE);
        facts.meta(Role.GREEN); // a missing secret is the secrets check's FAIL; here it is "not checked"
        if (Pair.sameSecret(facts.meta(Role.BLUE), facts.meta(Role.GREEN))) {
            return List.of(CheckResult.fail(name(), "--blue and --green name the same secret, " + facts.meta(Role.BLUE).arn(),
                    "give --blue the blue slot's secret and --green the green slot's (`bluegreen list` shows the pairs)"));
        }
        String fix = "tag both secrets alike (bluegreen:pointer-parameter, bluegreen:cluster, bluegreen:services,"
                + " and a different bluegreen:slot each) or set the function's POINTER_PARAMETER, ECS_CLUSTER, ECS_SERVICES";
        try {
            Pair pair = facts.pair();
            return List.of(CheckResult.pass(name(), "slots '" + pair.blue().pointerValue() + "' and '" + pair.green().pointerValue()
                    + "', pointer " + pair.pointerParameter() + ", cluster " + pair.cluster() + ", services "
                    + String.join(" ", pair.services())));
        } catch (NotChecked e) {
            return List.of(CheckResult.fail(name(), e.getMessage(), fix));
        }
    }
}
