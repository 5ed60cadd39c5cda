package org.bluegreen.simulator.strategy;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.fleet.CredentialReader;
import org.bluegreen.simulator.fleet.Credentials;
import org.bluegreen.simulator.time.RotationCalendar;
import org.bluegreen.simulator.time.RotationCalendar.Trigger;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The baseline: the app's one user, rotated on the same calendar (1st and 15th) as a plain single-user rotation
 * does it, followed by the same forced redeploy ours makes. That is the kindest version of single-user rotation;
 * the only difference left from blue/green is that the password of the user the running tasks hold changes.
 */
public final class SingleUserStrategy implements Strategy {

    static final String SLOT = "app";
    static final String SECRET = "app/db/single";

    @Override
    public StrategyKind kind() {
        return StrategyKind.SINGLE_USER;
    }

    @Override
    public String description() {
        return "one user, rotated in place (new password set while tasks still hold the old one), then the same"
                + " forced redeploy; tasks started before fail to log in until ECS stops them";
    }

    @Override
    public List<String> slots() {
        return List.of(SLOT);
    }

    @Override
    public void provision(World world) throws SQLException {
        world.createUserWithSecret(SLOT, SECRET, Map.of(), "cron(0 0 1,15 * ? *)");
    }

    @Override
    public CredentialReader credentials(World world) {
        return () -> {
            String value = world.secretsManager().getSecretValue(b -> b.secretId(SECRET)).secretString();
            return new Credentials(SLOT, DbSecret.parse(value, "AWSCURRENT of " + SECRET));
        };
    }

    @Override
    public List<Trigger> triggers(RotationCalendar calendar) {
        return calendar.scheduled().stream().map(t -> new Trigger(t.at(), SLOT, false)).toList();
    }

    @Override
    public String secretFor(String slot) {
        return SECRET;
    }

    @Override
    public Consumer<Map<String, String>> rotationFunction(World world) {
        return new SingleUserRotation(world.secretsManager(), world.ecs(), World.CLUSTER, World.SERVICE);
    }

    @Override
    public String activeSlot(World world) {
        return SLOT;
    }
}
