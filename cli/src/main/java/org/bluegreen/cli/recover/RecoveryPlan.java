package org.bluegreen.cli.recover;

import java.util.List;

/**
 * What {@code recover} found and what it would do.
 *
 * @param findings what the inspection saw, one sentence each
 * @param actions  what returns the pair to a clean state, in order; empty when it is clean
 * @param blockers what stops an automatic recovery (then nothing is applied)
 * @param notes    what the operator should do afterwards
 */
public record RecoveryPlan(List<String> findings, List<RecoveryAction> actions, List<String> blockers, List<String> notes) {

    public boolean clean() {
        return actions.isEmpty() && blockers.isEmpty();
    }
}
