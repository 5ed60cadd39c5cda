package org.bluegreen.cli.recover;

import org.bluegreen.cli.pair.RuleRefusal;

import java.util.List;

/**
 * What {@code recover} found and what it would do.
 *
 * @param findings what the inspection saw, one sentence each
 * @param actions  what returns the pair to a clean state, in order; empty when it is clean
 * @param blockers what stops an automatic recovery (then nothing is applied)
 * @param notes    what the operator should do afterwards
 * @param refusals the rotation's write rules that refused a slot (they block too: nothing is applied)
 */
public record RecoveryPlan(List<String> findings, List<RecoveryAction> actions, List<String> blockers, List<String> notes,
                           List<RuleRefusal> refusals) {

    public boolean clean() {
        return actions.isEmpty() && !blocked();
    }

    /** True when nothing may be applied. */
    public boolean blocked() {
        return !blockers.isEmpty() || !refusals.isEmpty();
    }
}
