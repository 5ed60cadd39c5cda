package org.bluegreen.cli.bootstrap;

import org.bluegreen.cli.bootstrap.BootstrapPlan.Need;
import org.bluegreen.cli.bootstrap.BootstrapPlan.SlotFinding;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.pair.RuleRefusal;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.config.ConfigurationException;
import org.bluegreen.rotator.config.StackSecretFields;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.rotation.ActiveSlotGuard;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.rotation.Login;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.rotation.RotatableUser;
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.rotation.SlotPair;
import org.bluegreen.rotator.rotation.WriteRules;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.rotator.secret.InvalidSecretException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Looks at a pair, changing nothing: what each slot's secret must hold by the stack's configuration, whether its
 * user logs in with it, and who can set the others. Before planning any write it runs the rotation's own rules
 * ({@link SlotPair}, {@link WriteRules}, {@link RotatableUser#checkRole}, {@link ActiveSlotGuard#checkNotServing}):
 * a slot any of them refuses blocks the whole plan, with the rule's reason.
 */
public final class BootstrapPlanner {

    private final PairReader aws;
    private final DatabaseAccess db;

    public BootstrapPlanner(PairReader aws, DatabaseAccess db) {
        this.aws = aws;
        this.db = db;
    }

    public BootstrapPlan inspect(String blueId, String greenId) {
        Pair pair = aws.pair(blueId, greenId);
        PointerState pointer = aws.pointer(pair.pointerParameter());
        List<ServiceState> services = aws.services(pair.cluster(), pair.services());
        List<SlotFinding> slots = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        List<RuleRefusal> refusals = new ArrayList<>();
        for (Slot slot : pair.slots()) {
            Slot peer = slot == pair.blue() ? pair.green() : pair.blue();
            try {
                slots.add(inspect(slot, peer, pointer, services, blockers));
            } catch (Refusal r) {
                refusals.add(RuleRefusal.of(slot, r));
                slots.add(new SlotFinding(slot.role(), slot.name(), slot.arn(), null, null, Need.UNKNOWN, List.of(), null,
                        r.getMessage() + " [" + r.reason() + "]"));
            } catch (RotationException e) {
                // e.g. the admin secret has no value: nothing can be checked, so nothing is done
                blockers.add(e.getMessage());
                slots.add(new SlotFinding(slot.role(), slot.name(), slot.arn(), null, null, Need.UNKNOWN, List.of(), null,
                        "cannot check " + slot.name()));
            }
        }
        return new BootstrapPlan(List.copyOf(slots), List.copyOf(blockers), List.copyOf(refusals));
    }

    private SlotFinding inspect(Slot slot, Slot peer, PointerState pointer, List<ServiceState> services, List<String> blockers) {
        String what = "AWSCURRENT of secret " + quote(slot.name());
        String stored = aws.currentValue(slot.meta());
        DbSecret user;
        List<String> fields;
        StackSecretFields stack = null;
        String stackUnknown = null;
        try {
            stack = StackSecretFields.of(slot.settings(), slot.name(), slot.meta().tags());
        } catch (ConfigurationException e) {
            stackUnknown = e.getMessage();
        }
        try {
            if (stack != null) {
                user = stack.applyTo(stored, what);
                fields = stack.fieldsToWrite(stored, what);
            } else if (DbSecret.namesNoConnection(stored, what)) {
                blockers.add(what + " holds no connection fields yet, and the stack's are unknown: " + stackUnknown);
                return new SlotFinding(slot.role(), slot.name(), slot.arn(), null, null, Need.UNKNOWN, List.of(), null,
                        "holds a password only (the stack's fields are unknown)");
            } else {
                user = DbSecret.parse(stored, what);
                fields = List.of();
            }
        } catch (InvalidSecretException e) {
            blockers.add(e.getMessage());
            return new SlotFinding(slot.role(), slot.name(), slot.arn(), null, null, Need.UNKNOWN, List.of(), null,
                    "cannot read " + what);
        }
        // The rotation's rules, on the value bootstrap would act on, before anything touches the database.
        SlotPair slotPair = SlotPair.of(slot.meta(), peer.meta(), slot.settings());
        WriteRules rules = new WriteRules(slot.meta(), slotPair, slot.settings(), arn -> aws.currentValueOf(arn, "admin secret"));
        Login admin = rules.check(user, what).orElse(null);
        boolean live = pointer.slot().equals(slotPair.slot());
        String active = live ? slot.config().activeSecret() : null;

        String who = quote(user.username()) + " at " + DatabaseAccess.endpoint(user);
        String fieldNote = fields.isEmpty() ? "" : "; the secret must hold the stack's " + String.join(", ", fields);
        DatabaseAccess.Attempt attempt = db.attempt(user);
        switch (attempt.outcome()) {
            case LOGGED_IN:
                return new SlotFinding(slot.role(), slot.name(), slot.arn(), user, admin, Need.NOTHING, fields, active,
                        who + " logs in with AWSCURRENT of " + slot.name() + (fields.isEmpty() ? ": nothing to do" : fieldNote));
            case WRONG_PASSWORD:
                String finding = who + " does not log in with AWSCURRENT of " + slot.name() + " yet" + fieldNote;
                if (admin == null) {
                    ActiveSlotGuard.checkNotServing(pointer, slotPair.slot(), slot.name(), services, List.of(), user.username());
                    return new SlotFinding(slot.role(), slot.name(), slot.arn(), user, null, Need.OPERATOR_SETS_PASSWORD,
                            fields, active, finding + "; self-service mode (no masterarn): the operator sets it, see below");
                }
                adminChecks(slot, user, admin, pointer, slotPair, services).ifPresent(blockers::add);
                return new SlotFinding(slot.role(), slot.name(), slot.arn(), user, admin, Need.ADMIN_SETS_PASSWORD, fields,
                        active, finding);
            default:
                blockers.add("cannot check " + who + ": " + attempt.detail());
                return new SlotFinding(slot.role(), slot.name(), slot.arn(), user, admin, Need.UNKNOWN, fields, active,
                        "cannot check " + who);
        }
    }

    /**
     * As the admin: it may change the user, the user is safe to change (the rotation's role check), and the user is
     * not the live slot's while the app may run on it. A refusal is thrown; anything else that stops it is returned.
     */
    private Optional<String> adminChecks(Slot slot, DbSecret user, Login admin, PointerState pointer, SlotPair slotPair,
                                         List<ServiceState> services) {
        String adminWho = "admin " + quote(admin.secret().username()) + " (masterarn of " + slot.name() + ")";
        DatabaseEngine engine = DatabaseAccess.engine(user);
        try (Connection c = db.open(admin)) {
            RotatableUser.checkRole(engine, c, user.username(), "AWSCURRENT of secret " + quote(slot.name()));
            ActiveSlotGuard.checkNotServing(pointer, slotPair.slot(), slot.name(), services,
                    engine.liveSessions(c, user.username()), user.username());
            return engine.whyAdminCannotChangePassword(c, user.username()).map(why -> adminWho + ": " + why);
        } catch (Refusal r) {
            throw r;
        } catch (RotationException e) {
            return Optional.of(adminWho + " does not log in: " + e.getMessage());
        } catch (SQLException e) {
            return Optional.of("cannot read what " + adminWho + " may do: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
        }
    }
}
