package org.bluegreen.cli.recover;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.pair.PairReader;

import java.util.ArrayList;
import java.util.List;

/** Applies a recovery plan in order, stopping at the first failure: later steps assume the earlier ones worked. */
public final class Recovery {

    /** How one action went. */
    public record Applied(RecoveryAction action, boolean ok, String outcome) {
    }

    private Recovery() {
    }

    public static List<Applied> apply(RecoveryPlan plan, PairReader aws) {
        if (plan.blocked()) {
            throw new IllegalStateException("a blocked plan is never applied");
        }
        List<Applied> applied = new ArrayList<>();
        for (RecoveryAction action : plan.actions()) {
            try {
                applied.add(new Applied(action, true, action.apply(aws)));
            } catch (CliException e) {
                applied.add(new Applied(action, false, e.getMessage()));
                break;
            }
        }
        return applied;
    }
}
