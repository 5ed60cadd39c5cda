package org.bluegreen.cli.bootstrap;

import org.bluegreen.cli.bootstrap.BootstrapPlan.SlotFinding;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.rotation.RotationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Sets each user's password to its secret's AWSCURRENT, as the admin, through the engine the rotation uses
 * (PostgreSQL: a SCRAM verifier computed here; MySQL family: a hash where the account's plugin allows), then checks
 * that the user logs in with it.
 */
public final class Bootstrap {

    /** How one slot went. */
    public record Applied(SlotFinding slot, boolean ok, String outcome) {
    }

    private Bootstrap() {
    }

    public static List<Applied> apply(BootstrapPlan plan, DatabaseAccess db) {
        if (!plan.blockers().isEmpty()) {
            throw new IllegalStateException("a blocked plan is never applied");
        }
        List<Applied> applied = new ArrayList<>();
        for (SlotFinding slot : plan.actions()) {
            applied.add(apply(slot, db));
        }
        return applied;
    }

    /** After {@code applied}: both users log in with their secrets. */
    public static boolean ready(BootstrapPlan plan, List<Applied> applied) {
        return plan.blockers().isEmpty() && plan.manual().isEmpty() && applied.size() == plan.actions().size()
                && applied.stream().allMatch(Applied::ok);
    }

    private static Applied apply(SlotFinding slot, DatabaseAccess db) {
        String user = slot.user().username();
        DatabaseEngine engine = DatabaseAccess.engine(slot.user());
        // A driver's message may quote the statement it rejected; the operator sees it, the passwords never.
        Redactor redactor = new Redactor();
        redactor.add(slot.user().password());
        redactor.add(slot.admin().secret().password());
        try (Connection c = db.open(slot.admin())) {
            engine.changePassword(c, user, slot.user().password());
        } catch (RotationException e) {
            return new Applied(slot, false, redactor.redact(e.getMessage()));
        } catch (SQLException e) {
            return new Applied(slot, false, redactor.redact("cannot set the password of " + quote(user) + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")"));
        }
        DatabaseAccess.Attempt check = db.attempt(slot.user());
        return check.loggedIn()
                ? new Applied(slot, true, quote(user) + " logs in with AWSCURRENT of " + slot.secret())
                : new Applied(slot, false, "the password of " + quote(user) + " was set, but it does not log in: " + check.detail());
    }
}
