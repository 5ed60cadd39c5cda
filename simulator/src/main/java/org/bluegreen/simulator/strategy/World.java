package org.bluegreen.simulator.strategy;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.SimulationConfig;
import org.bluegreen.simulator.db.DatabaseServer;
import org.bluegreen.simulator.db.SimulationUsers;
import org.bluegreen.simulator.deploy.RollingDeployer;
import org.bluegreen.simulator.fleet.Fleet;
import org.bluegreen.simulator.fleet.JdbcLoginClient;
import org.bluegreen.simulator.report.Progress;
import org.bluegreen.simulator.report.WorldHistory;
import org.bluegreen.simulator.time.DurationText;
import org.bluegreen.simulator.time.EventScheduler;
import org.bluegreen.simulator.time.EventScheduler.Priority;
import org.bluegreen.simulator.time.Jitter;
import org.bluegreen.simulator.time.RotationCalendar;
import org.bluegreen.simulator.time.RotationCalendar.Trigger;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.MutableClock;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * One strategy's world: its own simulated clock, Secrets Manager, SSM and ECS stand-ins, database users, ECS
 * service and fleet. {@link #run()} plays the calendar from start to end and returns what happened.
 */
public final class World {

    public static final String CLUSTER = "sim";
    public static final String SERVICE = "app";
    public static final String POINTER = "/app/db/active-slot";
    public static final String LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:bluegreen-rotator";

    private final Strategy strategy;
    private final SimulationConfig config;
    private final DatabaseServer database;
    private final SimulationUsers users;
    private final String userPrefix;
    private final PrintStream rotatorLog;
    private final Progress progress;
    private final MutableClock clock;
    private final EventScheduler scheduler;
    private final FakeSecretsManager secretsManager;
    private final FakeSsm ssm;
    private final FakeEcs ecs;
    private final RotationCalendar calendar;
    private final Jitter jitter;
    private final WorldHistory history;
    private Fleet fleet;
    private RollingDeployer deployer;

    /**
     * @param userPrefix prefix of this world's database user names, unique per run and world
     * @param rotatorLog where the rotator's JSON log lines go (simulated timestamps)
     */
    public World(Strategy strategy, SimulationConfig config, DatabaseServer database, SimulationUsers users,
                 String userPrefix, PrintStream rotatorLog, Progress progress) {
        this.strategy = strategy;
        this.config = config;
        this.database = database;
        this.users = users;
        this.userPrefix = userPrefix;
        this.rotatorLog = rotatorLog;
        this.progress = progress;
        this.jitter = new Jitter(config.seed());
        this.calendar = new RotationCalendar(config.firstMonth(), config.months(), config.rotationWindow(), jitter);
        this.clock = new MutableClock(calendar.start().minus(Duration.ofHours(1)));
        this.scheduler = new EventScheduler(clock);
        this.secretsManager = new FakeSecretsManager(clock);
        this.ssm = new FakeSsm(clock);
        this.ecs = new FakeEcs(clock);
        this.history = new WorldHistory(progress);
    }

    public WorldResult run() throws SQLException {
        // An hour before the start the operator set up users, secrets and pointer; then the service came up.
        strategy.provision(this);
        fleet = new Fleet(scheduler, strategy.credentials(this), config.loginInterval(), jitter, strategy.slots(),
                history, "bgsim-" + strategy.kind().id(), new JdbcLoginClient(database));
        clock.set(calendar.start());
        ecs.createService(CLUSTER, SERVICE, config.tasks());
        deployer = new RollingDeployer(ecs, CLUSTER, SERVICE, config.tasks(), config.deployment(), scheduler, fleet,
                rollout -> history.row(scheduler.now(), "rollout done: " + rollout.tasksReplaced() + " old tasks stopped, "
                        + DurationText.format(Duration.between(rollout.startedAt(), rollout.completedAt()))
                        + " after the deployment started", strategy.activeSlot(this)));
        deployer.startInitialTasks();
        history.activeSlot(scheduler.now(), strategy.activeSlot(this));
        history.row(scheduler.now(), "service up: " + config.tasks() + " tasks read their secret", strategy.activeSlot(this));

        SecretsManagerSchedule schedule = new SecretsManagerSchedule(this);
        secretsManager.setRotationFunction(schedule.steppedFunction(strategy.rotationFunction(this)));
        for (Trigger trigger : strategy.triggers(calendar)) {
            scheduler.at(trigger.at(), Priority.ROTATION, () -> schedule.trigger(trigger));
        }
        try {
            // Walk the calendar a day at a time, so the progress line moves (and a cancelled run stops).
            for (Instant day = calendar.start(); day.isBefore(calendar.end()); day = day.plus(Duration.ofDays(1))) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("simulation of " + strategy.kind().id() + " cancelled");
                }
                Instant next = day.plus(Duration.ofDays(1));
                scheduler.runUntil(next.isAfter(calendar.end()) ? calendar.end() : next);
                progress.advanced(strategy.kind().id(), scheduler.now(), calendar.start(), calendar.end());
            }
        } finally {
            fleet.closeSessions();
        }
        return new WorldResult(strategy.kind(), strategy.description(), strategy.slots(), calendar.start(),
                calendar.end(), history, deployer.deploymentsStarted(), fleet.staleTaskTime(calendar.end()),
                fleet.outages(calendar.end()));
    }

    /** Creates a database user and the secret that holds its credentials; returns the secret's value. */
    String createUserWithSecret(String userSuffix, String secretName, Map<String, String> tags, String schedule)
            throws SQLException {
        String user = userPrefix + "_" + userSuffix;
        String password = SimulationUsers.newPassword();
        users.create(user, password);
        String value;
        try {
            value = JSON.std.asString(users.secretValue(user, password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        users.requirePasswordCheck(user, DbSecret.parse(value, "secret " + secretName));
        secretsManager.createSecret(b -> b.name(secretName).secretString(value)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
        secretsManager.enableRotation(secretName, LAMBDA_ARN, schedule);
        return value;
    }

    public Strategy strategy() {
        return strategy;
    }

    public SimulationConfig config() {
        return config;
    }

    public DatabaseServer database() {
        return database;
    }

    public EventScheduler scheduler() {
        return scheduler;
    }

    public FakeSecretsManager secretsManager() {
        return secretsManager;
    }

    public FakeSsm ssm() {
        return ssm;
    }

    public FakeEcs ecs() {
        return ecs;
    }

    public Fleet fleet() {
        return fleet;
    }

    public WorldHistory history() {
        return history;
    }

    public PrintStream rotatorLog() {
        return rotatorLog;
    }
}
