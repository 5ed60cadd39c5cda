package org.bluegreen.cli.bootstrap;

import org.bluegreen.cli.pair.Role;
import org.bluegreen.cli.pair.RuleRefusal;
import org.bluegreen.rotator.rotation.Login;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.List;

/**
 * What {@code bootstrap} found for each slot of a pair and what it would do.
 *
 * @param slots     one finding per slot, blue first
 * @param blockers  what stops {@code --yes} (then nothing is changed)
 * @param refusals  the write rules that refused a slot (they stop {@code --yes} too), with the rotation's reasons
 */
public record BootstrapPlan(List<SlotFinding> slots, List<String> blockers, List<RuleRefusal> refusals) {

    /** What is to happen to one slot's user. */
    public enum Need {
        /** Its AWSCURRENT password logs in already: nothing to set. */
        NOTHING,
        /** The admin from {@code masterarn} sets it. */
        ADMIN_SETS_PASSWORD,
        /** Self-service mode: only the operator, as the database's master user, can. */
        OPERATOR_SETS_PASSWORD,
        /** The database did not answer for this user, or a rule refused it: see the blockers and refusals. */
        UNKNOWN
    }

    /**
     * @param user          the slot's AWSCURRENT value with the stack's connection fields (it holds the password to set;
     *                      never printed); null when it could not be read or a rule refused it
     * @param admin         the admin login from {@code masterarn}, or null in self-service mode
     * @param fieldsToWrite the connection fields a new AWSCURRENT version must change to hold the stack's (empty: none)
     * @param activeSecret  the active secret to update with it, when the pointer names this slot and there is one
     */
    public record SlotFinding(Role role, String secret, String arn, DbSecret user, Login admin, Need need,
                              List<String> fieldsToWrite, String activeSecret, String finding) {
    }

    /** True when nothing may be changed. */
    public boolean blocked() {
        return !blockers.isEmpty() || !refusals.isEmpty();
    }

    /** The slots bootstrap changes itself with {@code --yes}: a password to set as the admin, or fields to write. */
    public List<SlotFinding> actions() {
        return slots.stream().filter(s -> s.need() == Need.ADMIN_SETS_PASSWORD
                || s.need() == Need.NOTHING && !s.fieldsToWrite().isEmpty()).toList();
    }

    /** The slots whose password only the operator can set. */
    public List<SlotFinding> manual() {
        return slots.stream().filter(s -> s.need() == Need.OPERATOR_SETS_PASSWORD).toList();
    }
}
