package org.bluegreen.cli.bootstrap;

import org.bluegreen.cli.pair.Role;
import org.bluegreen.rotator.rotation.Login;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.List;

/**
 * What {@code bootstrap} found for each slot of a freshly deployed pair and what it would do.
 *
 * @param slots    one finding per slot, blue first
 * @param blockers what stops {@code --yes} (then nothing is changed)
 */
public record BootstrapPlan(List<SlotFinding> slots, List<String> blockers) {

    /** What is to happen to one slot's user. */
    public enum Need {
        /** Its AWSCURRENT password logs in already: nothing to do. */
        NOTHING,
        /** The admin from {@code masterarn} sets it. */
        ADMIN_SETS_PASSWORD,
        /** Self-service mode: only the operator, as the database's master user, can. */
        OPERATOR_SETS_PASSWORD,
        /** The database did not answer for this user: see the blockers. */
        UNKNOWN
    }

    /**
     * @param user  the slot's AWSCURRENT value (it holds the password to set; never printed)
     * @param admin the admin login from {@code masterarn}, or null in self-service mode
     */
    public record SlotFinding(Role role, String secret, DbSecret user, Login admin, Need need, String finding) {
    }

    /** The slots bootstrap sets itself with {@code --yes}. */
    public List<SlotFinding> actions() {
        return slots.stream().filter(s -> s.need() == Need.ADMIN_SETS_PASSWORD).toList();
    }

    /** The slots whose password only the operator can set. */
    public List<SlotFinding> manual() {
        return slots.stream().filter(s -> s.need() == Need.OPERATOR_SETS_PASSWORD).toList();
    }
}
