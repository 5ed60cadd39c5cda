package org.bluegreen.cli.recover;

import org.bluegreen.cli.aws.LabelledVersion;
import org.bluegreen.cli.output.Times;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.pair.RuleRefusal;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.rotation.SlotPair;
import org.bluegreen.rotator.rotation.WriteRules;
import org.bluegreen.rotator.secret.DbSecret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Finds what a failed rotation left behind and plans the way back to a state the next rotation can start from.
 *
 * <p>The rule: whether the database holds the rotation's new password decides. If it does not, roll back (take
 * AWSPENDING off, nothing else changed). If it does, roll forward (finish the rotation: AWSCURRENT, pointer,
 * redeploy), because the old password no longer works and AWSCURRENT must follow the database. The same holds when
 * finishSecret stopped after moving AWSCURRENT or after setting the pointer. Anything the plan cannot decide safely
 * (the pointer names neither slot, no stored password logs in, the database is unreachable, a rotation that may
 * still be running) blocks the plan.
 */
public final class RecoveryPlanner {

    /**
     * A rotation whose last change is younger than this may still be running (each step may take up to Lambda's
     * 15-minute limit): touching it then would race the rotation itself.
     */
    static final Duration MAY_STILL_RUN = Duration.ofMinutes(15);

    private final PairReader aws;
    private final DatabaseAccess database;
    private final Clock clock;

    public RecoveryPlanner(PairReader aws, DatabaseAccess database, Clock clock) {
        this.aws = aws;
        this.database = database;
        this.clock = clock;
    }

    public RecoveryPlan inspect(String blueId, String greenId) {
        Pair pair = aws.pair(blueId, greenId);
        PointerState pointer = aws.pointer(pair.pointerParameter());
        List<ServiceState> services = aws.services(pair.cluster(), pair.services());
        Plan plan = new Plan();

        Optional<Slot> live = pair.named(pointer.slot());
        plan.findings.add("pointer " + quote(pointer.name()) + " = " + quote(pointer.slot()) + ", changed " + Times.at(pointer.lastModified())
                + live.map(s -> ": " + s.name() + " is live").orElse(""));
        if (live.isEmpty()) {
            plan.blockers.add("the pointer names neither slot (" + quote(pair.blue().pointerValue()) + ", " + quote(pair.green().pointerValue())
                    + "): set it by hand to the slot the app uses now (see `bluegreen doctor`)");
            return plan.build();
        }
        for (Slot slot : pair.slots()) {
            Slot peer = slot == pair.blue() ? pair.green() : pair.blue();
            try {
                // The rotation's pair rule, before anything about this slot is planned.
                SlotPair.of(slot.meta(), peer.meta(), slot.settings());
                inspect(slot, peer, live.get(), pointer, services, plan);
            } catch (Refusal r) {
                plan.refusals.add(RuleRefusal.of(slot, r));
            }
        }
        if (plan.actions.isEmpty()) {
            redeployIfMissed(live.get(), pointer, services, plan);
        }
        for (ServiceState s : services) {
            if (!s.isSteady()) {
                plan.notes.add("service " + s.name() + " is not steady (" + s.summary() + "): wait until it is before the next rotation");
            }
        }
        if (plan.actions.stream().filter(a -> a instanceof FinishRotation).count() > 1) {
            plan.blockers.add("both secrets have a rotation whose new password is in the database: finish one by hand");
        }
        Instant lastChange = plan.lastChange;
        Duration since = Duration.between(lastChange, clock.instant());
        if (!plan.actions.isEmpty() && since.compareTo(MAY_STILL_RUN) < 0) {
            plan.blockers.add("the last change was " + Times.age(lastChange, clock.instant()) + " ago (" + Times.at(lastChange)
                    + "): the rotation may still be running; run recover again " + MAY_STILL_RUN.toMinutes()
                    + " minutes after the last change");
        }
        return plan.build();
    }

    /** The rotation's write rules for this slot ({@link WriteRules}); a refusal stops the whole plan. */
    private WriteRules rules(Slot slot, Slot peer) {
        return new WriteRules(slot.meta(), SlotPair.of(slot.meta(), peer.meta(), slot.settings()), slot.settings(),
                arn -> aws.currentValueOf(arn, "admin secret"));
    }

    private void inspect(Slot slot, Slot peer, Slot live, PointerState pointer, List<ServiceState> services, Plan plan) {
        SecretMetadata meta = slot.meta();
        String role = slot.role() == live.role() ? "live" : "inactive";
        Optional<String> current = meta.versionWith(Stage.CURRENT);
        Optional<String> pending = meta.versionWith(Stage.PENDING);
        List<LabelledVersion> versions = aws.versions(meta);

        if (pending.isPresent() && !pending.equals(current)) {
            String version = pending.get();
            Instant started = created(versions, version);
            plan.saw(started);
            plan.findings.add(slot.name() + " (" + role + " slot " + quote(slot.pointerValue()) + "): version " + version
                    + " holds AWSPENDING, created " + Times.at(started) + ": a rotation did not finish");
            plan.findings.add(touched(pointer, services, started));
            Optional<DbSecret> newValue = aws.pending(meta, version);
            if (newValue.isEmpty()) {
                plan.findings.add("version " + version + " has no value: createSecret stopped before storing a new password,"
                        + " so the database was not touched");
                plan.actions.add(new RemovePendingLabel(slot, version, "no new password was stored"));
                plan.notes.add(slot.name() + " did not rotate; rotate it again when its slot is inactive and drained:"
                        + " aws secretsmanager rotate-secret --secret-id " + slot.name());
                return;
            }
            DbSecret old = aws.current(meta);
            // Before a password is tried or a label moved: the same rules the rotation's steps run on both versions.
            WriteRules rules = rules(slot, peer);
            rules.check(old, "AWSCURRENT of secret " + quote(slot.name()));
            rules.check(newValue.get(), "AWSPENDING of secret " + quote(slot.name()));
            DatabaseAccess.Attempt withNew = database.attempt(newValue.get());
            DatabaseAccess.Attempt withOld = database.attempt(old);
            plan.findings.add("the database (" + DatabaseAccess.endpoint(old) + ", user " + quote(old.username()) + ") "
                    + (withNew.loggedIn() ? "already has the AWSPENDING password (setSecret completed)"
                    : withOld.loggedIn() ? "still has the AWSCURRENT password (setSecret did not change it)"
                    : "accepts neither the AWSPENDING nor the AWSCURRENT password"));
            if (withNew.loggedIn()) {
                plan.actions.add(new FinishRotation(slot, version, "the database already has the new password"));
                plan.notes.add("after the switch, wait for the new deployments (aws ecs wait services-stable) before the next rotation");
            } else if (withOld.loggedIn()) {
                plan.actions.add(new RemovePendingLabel(slot, version, "the database still has the AWSCURRENT password"));
                plan.notes.add(slot.name() + " did not rotate; rotate it again when its slot is inactive and drained:"
                        + " aws secretsmanager rotate-secret --secret-id " + slot.name());
            } else if (withNew.outcome() == DatabaseAccess.Outcome.ERROR || withOld.outcome() == DatabaseAccess.Outcome.ERROR) {
                plan.blockers.add("cannot tell whether the database has the new password of " + slot.name() + ": "
                        + (withNew.outcome() == DatabaseAccess.Outcome.ERROR ? withNew.detail() : withOld.detail()));
            } else {
                plan.blockers.add("neither the AWSPENDING nor the AWSCURRENT password of " + slot.name() + " logs in as "
                        + quote(old.username()) + ": as an admin, set its password to the AWSCURRENT value, then run recover again");
            }
            return;
        }
        boolean switchMissed = current.isPresent()
                && meta.has(current.get(), Stage.PENDING)
                && slot.role() != live.role()
                && created(versions, current.get()).isAfter(pointer.lastModified());
        if (switchMissed) {
            rules(slot, peer).check(aws.current(meta), "AWSCURRENT of secret " + quote(slot.name()));
            plan.saw(created(versions, current.get()));
            plan.findings.add(slot.name() + " (" + role + " slot " + quote(slot.pointerValue()) + "): a rotation moved AWSCURRENT to version "
                    + current.get() + " (created " + Times.at(created(versions, current.get())) + "), but the pointer still names "
                    + quote(pointer.slot()) + ": finishSecret stopped before setting the pointer");
            plan.actions.add(new FinishRotation(slot, current.get(), "AWSCURRENT already has the new password"));
            plan.notes.add("after the switch, wait for the new deployments (aws ecs wait services-stable) before the next rotation");
            return;
        }
        plan.findings.add(slot.name() + " (" + role + " slot " + quote(slot.pointerValue()) + "): no unfinished rotation (AWSCURRENT is version "
                + current.orElse("-") + ")");
    }

    /** finishSecret set the pointer but stopped before redeploying: finish it for the live slot's current version. */
    private void redeployIfMissed(Slot live, PointerState pointer, List<ServiceState> services, Plan plan) {
        List<String> missed = services.stream()
                .filter(s -> !s.redeployedSince(pointer))
                .map(ServiceState::name)
                .toList();
        if (missed.isEmpty()) {
            return;
        }
        plan.saw(pointer.lastModified());
        plan.findings.add("service(s) " + String.join(", ", missed) + " not redeployed since the pointer changed at "
                + Times.at(pointer.lastModified()) + ": their tasks may still use the other slot (finishSecret stopped before its redeploy)");
        String version = live.meta().versionWith(Stage.CURRENT).orElseThrow();
        plan.actions.add(new FinishRotation(live, version, "the pointer already names " + quote(live.pointerValue())));
        plan.notes.add("after the redeploy, wait for the new deployments (aws ecs wait services-stable) before the next rotation");
    }

    /** Whether the pointer and the services changed after the failed rotation started. */
    private static String touched(PointerState pointer, List<ServiceState> services, Instant started) {
        String p = pointer.lastModified().isAfter(started)
                ? "the pointer changed after this rotation started (" + Times.at(pointer.lastModified()) + ")"
                : "the pointer has not changed since this rotation started";
        List<String> redeployed = services.stream()
                .filter(s -> s.newestDeploymentAt().orElse(Instant.EPOCH).isAfter(started))
                .map(ServiceState::name)
                .toList();
        return p + "; " + (redeployed.isEmpty() ? "no service was redeployed since"
                : "redeployed since: " + String.join(", ", redeployed));
    }

    private static Instant created(List<LabelledVersion> versions, String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).map(LabelledVersion::createdDate)
                .filter(t -> t != null).findFirst().orElse(Instant.EPOCH);
    }

    private static final class Plan {
        final List<String> findings = new ArrayList<>();
        final List<RecoveryAction> actions = new ArrayList<>();
        final List<String> blockers = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<RuleRefusal> refusals = new ArrayList<>();
        /** The newest change the failed rotation made that the inspection saw. */
        Instant lastChange = Instant.EPOCH;

        void saw(Instant change) {
            if (change.isAfter(lastChange)) {
                lastChange = change;
            }
        }

        RecoveryPlan build() {
            return new RecoveryPlan(List.copyOf(findings), List.copyOf(actions), List.copyOf(blockers), List.copyOf(notes),
                    List.copyOf(refusals));
        }
    }
}
