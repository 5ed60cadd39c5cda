package org.bluegreen.simulator.strategy;

import org.bluegreen.rotator.RotationHandler;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.config.SlotTags;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.fleet.CredentialReader;
import org.bluegreen.simulator.fleet.Credentials;
import org.bluegreen.simulator.time.RotationCalendar;
import org.bluegreen.simulator.time.RotationCalendar.Trigger;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.bluegreen.simulator.time.RotationCalendar.BLUE;
import static org.bluegreen.simulator.time.RotationCalendar.GREEN;

/**
 * Ours: two users, a pointer, and the real {@link RotationHandler} invoked for every step, exactly as Lambda runs
 * it, against the world's Secrets Manager, SSM and ECS stand-ins and the real database.
 */
public class BlueGreenStrategy implements Strategy {

    static final String SECRET_PREFIX = "app/db/";

    @Override
    public StrategyKind kind() {
        return StrategyKind.BLUEGREEN;
    }

    @Override
    public String description() {
        return "two users (blue, green) and a pointer: each rotation changes the user the app is not using, then"
                + " flips the pointer and redeploys; the rotator is the real Lambda handler";
    }

    @Override
    public List<String> slots() {
        return List.of(BLUE, GREEN);
    }

    @Override
    public void provision(World world) throws SQLException {
        for (String slot : slots()) {
            // The pair's identity, as the template tags it: the rotator rotates only a slot of a checked pair.
            String peer = secretFor(slot.equals(BLUE) ? GREEN : BLUE);
            world.createUserWithSecret(slot, secretFor(slot), Map.of(PairConfig.TAG_SLOT, slot,
                            SlotTags.TAG_USERNAME, world.userName(slot), SlotTags.TAG_PEER, peer),
                    slot.equals(BLUE) ? "cron(0 0 1 * ? *)" : "cron(0 0 15 * ? *)");
        }
        // Green serves first, so blue's rotation on the 1st finds it unused.
        world.ssm().putParameter(b -> b.name(World.POINTER).value(GREEN).type(ParameterType.STRING));
    }

    @Override
    public CredentialReader credentials(World world) {
        return () -> {
            String slot = activeSlot(world);
            String value = world.secretsManager().getSecretValue(b -> b.secretId(secretFor(slot))).secretString();
            return new Credentials(slot, DbSecret.parse(value, "AWSCURRENT of " + secretFor(slot)));
        };
    }

    @Override
    public List<Trigger> triggers(RotationCalendar calendar) {
        return calendar.scheduled();
    }

    @Override
    public String secretFor(String slot) {
        return SECRET_PREFIX + slot;
    }

    @Override
    public Consumer<Map<String, String>> rotationFunction(World world) {
        Map<String, String> env = Map.of(
                "POINTER_PARAMETER", World.POINTER,
                "ECS_CLUSTER", World.CLUSTER,
                "ECS_SERVICES", World.SERVICE,
                "LIVE_SESSION_CHECK", world.config().liveSessionsFail() ? "fail" : "warn",
                // The one database the rotator may send passwords to, as the template pins it.
                "DB_ENDPOINTS", world.database().host() + ":" + world.database().port() + "/" + world.database().database());
        RotationHandler handler = new RotationHandler(env,
                new AwsClients(world.secretsManager(), world.ssm(), world.ecs()),
                new JsonLog(world.rotatorLog(), world.scheduler().clock(), new Redactor()));
        return event -> handler.handle(new HashMap<>(event));
    }

    @Override
    public String activeSlot(World world) {
        return world.ssm().getParameter(b -> b.name(World.POINTER)).parameter().value();
    }
}
