package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.pair.NotAPair;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.rotator.rotation.SlotPair;

import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * The pair as the function sees it: the settings of the function that rotates both secrets, each secret's tags over
 * them, and the rotation's own pair rule ({@link SlotPair}: the slot tags name each other, slots and users differ,
 * pointer, cluster, services and active secret agree). A pair this check fails is one the function refuses as
 * NOT_A_SLOT, or cannot configure.
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
        if (facts.meta(Role.BLUE).arn().equals(facts.meta(Role.GREEN).arn())) {
            return List.of(CheckResult.fail(name(), "--blue and --green name the same secret, " + facts.meta(Role.BLUE).arn(),
                    "give --blue the blue slot's secret and --green the green slot's (`bluegreen list` shows the pairs)"));
        }
        try {
            Pair pair = facts.pair();
            return List.of(CheckResult.pass(name(), "slots " + quote(pair.blue().pointerValue()) + " and " + quote(pair.green().pointerValue())
                    + ", pointer " + quote(pair.pointerParameter()) + ", cluster " + quote(pair.cluster()) + ", services "
                    + String.join(" ", pair.services().stream().map(s -> quote(s)).toList()) + "; the slot tags name each other"));
        } catch (NotChecked e) {
            if (e.getCause() instanceof NotAPair) {
                return List.of(CheckResult.fail(name(), "the function will refuse every step: " + e.getMessage(),
                        "apply the current template, which writes bluegreen:slot, bluegreen:username and bluegreen:peer-secret"
                                + " on both secrets and one configuration for both in its rotation function (docs/security.md)"));
            }
            return List.of(CheckResult.fail(name(), e.getMessage(),
                    "rotate both secrets with the stack's function, whose environment the template writes (POINTER_PARAMETER,"
                            + " ECS_CLUSTER, ECS_SERVICES, DB_ENDPOINTS), or tag both secrets alike"));
        }
    }
}
