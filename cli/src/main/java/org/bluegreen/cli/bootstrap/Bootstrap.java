package org.bluegreen.cli.bootstrap;

import org.bluegreen.cli.bootstrap.BootstrapPlan.Need;
import org.bluegreen.cli.bootstrap.BootstrapPlan.SlotFinding;
import org.bluegreen.cli.aws.AwsCall;
import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.rotation.RotationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Applies a plan no rule refused. Per slot: sets the user's password to its secret's AWSCURRENT, as the admin,
 * through the engine the rotation uses (PostgreSQL: a SCRAM verifier computed here; MySQL family: a hash where the
 * account's plugin allows), then checks that the user logs in with it; and where the secret does not hold the stack's
 * connection fields, proves that its password logs in at the stack's endpoint and only then writes a new AWSCURRENT
 * version with those fields and the unchanged password (and the same value on the active secret when this slot is
 * live).
 */
public final class Bootstrap {

    /** How one slot went. */
    public record Applied(SlotFinding slot, boolean ok, String outcome) {
    }

    private Bootstrap() {
    }

    public static List<Applied> apply(BootstrapPlan plan, DatabaseAccess db, SecretStore secrets) {
        if (plan.blocked()) {
            throw new IllegalStateException("a blocked plan is never applied");
        }
        List<Applied> applied = new ArrayList<>();
        for (SlotFinding slot : plan.actions()) {
            applied.add(apply(slot, db, secrets));
        }
        return applied;
    }

    /** After {@code applied}: both users log in with their secrets, which hold the stack's fields. */
    public static boolean ready(BootstrapPlan plan, List<Applied> applied) {
        return !plan.blocked() && plan.manual().isEmpty() && applied.size() == plan.actions().size()
                && applied.stream().allMatch(Applied::ok);
    }

    private static Applied apply(SlotFinding slot, DatabaseAccess db, SecretStore secrets) {
        String user = slot.user().username();
        List<String> done = new ArrayList<>();
        if (slot.need() == Need.ADMIN_SETS_PASSWORD) {
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
            done.add("set the password of " + quote(user));
        }
        // The proof both ways: the password just set logs in, or (fields only) the unchanged one does at the stack's endpoint.
        DatabaseAccess.Attempt check = db.attempt(slot.user());
        if (!check.loggedIn()) {
            return new Applied(slot, false, (done.isEmpty() ? "" : String.join("; ", done) + ", but ") + quote(user)
                    + " does not log in at " + DatabaseAccess.endpoint(slot.user()) + " with AWSCURRENT of " + slot.secret()
                    + ": " + check.detail() + (slot.fieldsToWrite().isEmpty() ? "" : "; the secret was not rewritten"));
        }
        if (!slot.fieldsToWrite().isEmpty()) {
            String version = UUID.randomUUID().toString();
            String value = slot.user().toJson();
            AwsCall.run("secretsmanager:PutSecretValue", "secret " + quote(slot.secret()),
                    () -> secrets.put(slot.arn(), version, value, Stage.CURRENT, null));
            done.add("wrote AWSCURRENT version " + version + " of " + slot.secret() + " with the stack's "
                    + String.join(", ", slot.fieldsToWrite()) + " (password unchanged)");
            if (slot.activeSecret() != null) {
                AwsCall.run("secretsmanager:PutSecretValue", "active secret " + quote(slot.activeSecret()),
                        () -> secrets.put(slot.activeSecret(), version, value, Stage.CURRENT, null));
                done.add("the active secret holds it too");
            }
        }
        return new Applied(slot, true, String.join("; ", done) + (done.isEmpty() ? "" : "; ") + quote(user)
                + " logs in with AWSCURRENT of " + slot.secret());
    }
}
