package org.bluegreen.simulator.strategy;

import org.bluegreen.rotator.RotationHandler.RotationFailedException;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.report.WorldHistory.Outcome;
import org.bluegreen.simulator.time.DurationText;
import org.bluegreen.simulator.time.EventScheduler;
import org.bluegreen.simulator.time.RotationCalendar.Trigger;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Plays Secrets Manager's scheduler: a trigger calls RotateSecret on the fake, which invokes the four steps;
 * between two steps the world's clock moves on by the step gap while the fleet keeps logging in.
 *
 * <p>A failed rotation leaves its AWSPENDING version behind, and Secrets Manager then refuses new rotations of that
 * secret ("A previous rotation isn't complete. That rotation will be reattempted."). The simulation reattempts it,
 * with its original token, at the secret's next scheduled trigger.
 */
final class SecretsManagerSchedule {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM").withZone(ZoneOffset.UTC);

    private final World world;
    private final Map<String, String> pendingSince = new HashMap<>();

    SecretsManagerSchedule(World world) {
        this.world = world;
    }

    /** Wraps the rotation function: a gap before every step but the first, and a look at setSecret's effect. */
    Consumer<Map<String, String>> steppedFunction(Consumer<Map<String, String>> lambda) {
        EventScheduler scheduler = world.scheduler();
        Duration gap = world.config().stepGap();
        return event -> {
            String step = event.get("Step");
            if (!"createSecret".equals(step)) {
                scheduler.runUntil(scheduler.now().plus(gap));
            }
            lambda.accept(event);
            if ("setSecret".equals(step)) {
                passwordSetFor(event.get("SecretId"), event.get("ClientRequestToken"));
            }
        };
    }

    void trigger(Trigger trigger) {
        String secret = world.strategy().secretFor(trigger.slot());
        FakeSecretsManager sm = world.secretsManager();
        String what = (trigger.misfire() ? "misfire: rotate " : "rotate ") + trigger.slot();
        String note = "";
        try {
            try {
                sm.rotateSecret(b -> b.secretId(secret));
            } catch (InvalidRequestException e) {
                if (!pendingSince.containsKey(secret)) {
                    throw e;
                }
                note = " (reattempted the rotation left pending on " + pendingSince.get(secret) + ")";
                sm.retryPendingRotation(secret);
            }
            pendingSince.remove(secret);
            String took = DurationText.format(Duration.between(trigger.at(), world.scheduler().now()));
            String pointer = world.strategy().kind().runsRotator() ? ", pointer -> " + world.strategy().activeSlot(world) : "";
            record(Outcome.DONE, null, what + ": done in " + took + note + pointer);
        } catch (RuntimeException e) {
            pendingSince.putIfAbsent(secret, DAY.format(trigger.at()));
            Optional<Refusal.Reason> refusal = refusal(e);
            record(refusal.isPresent() ? Outcome.REFUSED : Outcome.FAILED, refusal.orElse(null), what + ": "
                    + refusal.map(r -> "refused by " + guard(r)).orElse("failed: " + shortened(e)) + note);
        }
    }

    private void record(Outcome outcome, Refusal.Reason refusal, String event) {
        String active = world.strategy().activeSlot(world);
        world.history().rotation(world.scheduler().now(), outcome, refusal, event, active);
        world.history().activeSlot(world.scheduler().now(), active);
    }

    /** After setSecret the database holds the pending password: tasks with the old one for that user are stale. */
    private void passwordSetFor(String secretId, String token) {
        String value = world.secretsManager().getSecretValue(b -> b.secretId(secretId).versionId(token)).secretString();
        DbSecret pending = DbSecret.parse(value, "pending version");
        world.fleet().passwordChanged(pending.username(), pending.password());
    }

    /** The guard that refused, when the rotation function's step was refused rather than failed. */
    static Optional<Refusal.Reason> refusal(RuntimeException e) {
        return e instanceof RotationFailedException f ? f.outcome().refusal() : Optional.empty();
    }

    /** The guard's name for the timeline. */
    static String guard(Refusal.Reason reason) {
        return switch (reason) {
            case ACTIVE_SLOT -> "the active-slot guard (the pointer names this slot)";
            case LIVE_SESSIONS -> "the live-session check";
            case NOT_DRAINED -> "the drain check (a service is not steady or not redeployed since the pointer changed)";
            default -> "the " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " guard";
        };
    }

    /** A failure's message, short enough for the timeline. */
    static String shortened(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
