package org.bluegreen.simulator.deploy;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.fleet.AppTask;
import org.bluegreen.simulator.fleet.Credentials;
import org.bluegreen.simulator.fleet.Fleet;
import org.bluegreen.simulator.fleet.FleetObserver;
import org.bluegreen.simulator.time.EventScheduler;
import org.bluegreen.simulator.time.Jitter;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ECS's rolling update as the simulation plays it, without a database (logins always succeed here). */
class RollingDeployerTest {

    private static final DbSecret SECRET = DbSecret.parse(
            "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"username\":\"app\",\"password\":\"pw\"}", "test");

    private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(t0);
    private final EventScheduler scheduler = new EventScheduler(clock);
    private final FakeEcs ecs = new FakeEcs(clock);
    private final List<Integer> runningOverTime = new ArrayList<>();
    private final List<RollingDeployer.Rollout> rollouts = new ArrayList<>();
    private String version = "v1";

    private Fleet fleet() {
        FleetObserver observer = new FleetObserver() {
            @Override
            public void tasksChanged(Instant at, Map<String, Integer> tasksPerSlot) {
                runningOverTime.add(tasksPerSlot.values().stream().mapToInt(Integer::intValue).sum());
            }

            @Override
            public void loginAttempted(Instant at, AppTask task) {
            }

            @Override
            public void loginFailed(Instant at, AppTask task, String sqlState) {
            }
        };
        return new Fleet(scheduler, () -> new Credentials(version, SECRET), Duration.ofHours(1), new Jitter(1),
                List.of("v1", "v2"), observer, "test", (secret, name) -> () -> { });
    }

    @ParameterizedTest(name = "{0} tasks, minimum healthy {1}%, maximum {2}%")
    @CsvSource({"4, 100, 200, 4, 8", "4, 50, 100, 2, 4", "4, 50, 150, 2, 6", "3, 100, 150, 3, 4", "1, 0, 100, 0, 1"})
    void replacesEveryTaskWithinThePercentages(int desired, int minPct, int maxPct, int lowest, int highest) {
        Fleet fleet = fleet();
        ecs.createService("c", "s", desired);
        RollingDeployer deployer = new RollingDeployer(ecs, "c", "s", desired,
                new DeploymentTiming(Duration.ofMinutes(3), Duration.ofMinutes(5), minPct, maxPct), scheduler, fleet,
                rollouts::add);
        deployer.startInitialTasks();
        runningOverTime.clear();

        clock.advance(Duration.ofHours(1));
        version = "v2";
        ecs.updateService(b -> b.cluster("c").service("s").forceNewDeployment(true));
        Deployment started = ecs.deployments("c", "s").get(0);
        assertEquals(DeploymentRolloutState.IN_PROGRESS, started.rolloutState());
        scheduler.runUntil(clock.instant().plus(Duration.ofDays(1)));

        assertEquals(desired, fleet.running().size());
        assertTrue(fleet.running().stream().allMatch(t -> t.slot().equals("v2")));
        assertEquals(lowest, runningOverTime.stream().mapToInt(Integer::intValue).min().orElseThrow());
        assertEquals(highest, runningOverTime.stream().mapToInt(Integer::intValue).max().orElseThrow());
        List<Deployment> deployments = ecs.deployments("c", "s");
        assertEquals(1, deployments.size(), "ECS shows one deployment once the rollout is done");
        assertEquals(DeploymentRolloutState.COMPLETED, deployments.get(0).rolloutState());
        assertEquals(desired, deployments.get(0).runningCount());
        assertEquals(1, rollouts.size());
        assertEquals(desired, rollouts.get(0).tasksReplaced());
        assertEquals(1, deployer.deploymentsStarted());
    }

    @ParameterizedTest
    @CsvSource({"4, 100, 100", "1, 50, 150"})
    void percentagesThatCannotMakeProgressAreRefused(int desired, int minPct, int maxPct) {
        DeploymentTiming timing = new DeploymentTiming(Duration.ofMinutes(1), Duration.ofMinutes(1), minPct, maxPct);
        assertThrows(IllegalArgumentException.class, () -> timing.requireProgress(desired));
    }

    @org.junit.jupiter.api.Test
    void withTheDefaultsOldTasksStopOnlyAfterTheNewOnesRunAndTheirDrain() {
        Fleet fleet = fleet();
        ecs.createService("c", "s", 2);
        new RollingDeployer(ecs, "c", "s", 2, new DeploymentTiming(Duration.ofMinutes(3), Duration.ofMinutes(5), 100, 200),
                scheduler, fleet, rollouts::add).startInitialTasks();
        List<AppTask> old = fleet.running();
        Instant deployAt = clock.advance(Duration.ofHours(1));
        ecs.updateService(b -> b.cluster("c").service("s").forceNewDeployment(true));

        scheduler.runUntil(deployAt.plus(Duration.ofMinutes(8)));
        assertTrue(old.stream().allMatch(AppTask::running), "old tasks still run at exactly 3m + 5m (half-open)");
        assertTrue(old.stream().allMatch(AppTask::draining));
        scheduler.runUntil(deployAt.plus(Duration.ofMinutes(8)).plusMillis(1));
        assertTrue(old.stream().noneMatch(AppTask::running));
        assertEquals(deployAt.plus(Duration.ofMinutes(8)), rollouts.get(0).completedAt());
    }
}
