package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.rotation.SlotPair;

import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Each rotation reads its own secret's tags (then the function's environment): both must resolve to the same
 * pointer, cluster and services, and to two different slots, or the pair is not a pair. And the function rotates a
 * secret only when the slot tags of both name each other ({@link SlotPair}, the rotation's own rule).
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
            SlotPair.of(facts.meta(Role.BLUE), facts.meta(Role.GREEN), facts.settings());
            return List.of(CheckResult.pass(name(), "slots " + quote(pair.blue().pointerValue()) + " and " + quote(pair.green().pointerValue())
                    + ", pointer " + quote(pair.pointerParameter()) + ", cluster " + quote(pair.cluster()) + ", services "
                    + String.join(" ", pair.services()) + "; the slot tags name each other"));
        } catch (NotChecked e) {
            return List.of(CheckResult.fail(name(), e.getMessage(), fix));
        } catch (Refusal e) {
            return List.of(CheckResult.fail(name(), "the function will refuse every step: " + e.getMessage(),
                    "apply the current template, which writes bluegreen:slot, bluegreen:username and bluegreen:peer-secret"
                            + " on both secrets (docs/security.md)"));
        }
    }
}
