package org.bluegreen.simulator.deploy;

import org.bluegreen.simulator.fleet.AppTask;
import org.bluegreen.simulator.fleet.Fleet;
import org.bluegreen.simulator.time.EventScheduler;
import org.bluegreen.simulator.time.EventScheduler.Priority;
import org.bluegreen.testkit.aws.FakeEcs;
import software.amazon.awssdk.services.ecs.model.Deployment;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays ECS's part for one service: when UpdateService starts a deployment, launch new tasks and drain old ones
 * within the minimum-healthy and maximum percentages, then mark the rollout COMPLETED in the fake ECS, which is
 * what the rotator's drain check reads.
 *
 * <p>Old tasks keep running, and logging in with what they read at their start, until their drain ends.
 */
public final class RollingDeployer {

    /** A finished rollout, for the timeline. */
    public record Rollout(String deploymentId, Instant startedAt, Instant completedAt, int tasksReplaced) {
    }

    private final FakeEcs ecs;
    private final String cluster;
    private final String service;
    private final int desired;
    private final DeploymentTiming timing;
    private final EventScheduler scheduler;
    private final Fleet fleet;
    private final Consumer<Rollout> onCompleted;
    private InProgress current;
    private int deploymentsStarted;

    public RollingDeployer(FakeEcs ecs, String cluster, String service, int desired, DeploymentTiming timing,
                           EventScheduler scheduler, Fleet fleet, Consumer<Rollout> onCompleted) {
        timing.requireProgress(desired);
        this.ecs = ecs;
        this.cluster = cluster;
        this.service = service;
        this.desired = desired;
        this.timing = timing;
        this.scheduler = scheduler;
        this.fleet = fleet;
        this.onCompleted = onCompleted;
        ecs.onNewDeployment(this::deploymentStarted);
    }

    /** Starts the service's first tasks at once, as the steady deployment the fake ECS created them with. */
    public void startInitialTasks() {
        String deploymentId = ecs.deployments(cluster, service).get(0).id();
        for (int i = 0; i < desired; i++) {
            fleet.startTask(deploymentId);
        }
    }

    public int deploymentsStarted() {
        return deploymentsStarted;
    }

    /** Runs inside UpdateService (the fake is locked): only schedules, never waits. */
    private void deploymentStarted(String serviceArn, Deployment deployment) {
        deploymentsStarted++;
        current = new InProgress(deployment.id(), scheduler.now());
        // Every task not of the new deployment is old now, including a previous rollout's new tasks.
        scheduler.at(scheduler.now(), Priority.TASK_START, () -> current.advance());
    }

    private final class InProgress {
        final String deploymentId;
        final Instant startedAt;
        /** Tasks of this deployment launched so far (starting or running). */
        int launched;
        int replaced;

        InProgress(String deploymentId, Instant startedAt) {
            this.deploymentId = deploymentId;
            this.startedAt = startedAt;
        }

        boolean isCurrent() {
            return current == this;
        }

        /** One decision round, as ECS makes them whenever a task starts or stops. */
        void advance() {
            if (!isCurrent()) {
                return;
            }
            List<AppTask> running = fleet.running();
            List<AppTask> old = running.stream().filter(t -> !t.deploymentId().equals(deploymentId)).toList();
            long fresh = running.size() - old.size();
            int launch = Math.min(desired - launched, timing.maxRunning(desired) - (old.size() + launched));
            for (int i = 0; i < launch; i++) {
                launched++;
                scheduler.at(scheduler.now().plus(timing.taskStart()), Priority.TASK_START, this::taskReady);
            }
            List<AppTask> notDraining = old.stream().filter(t -> !t.draining()).toList();
            long healthy = fresh + notDraining.size();
            long canDrain = Math.min(notDraining.size(), healthy - timing.minHealthy(desired));
            for (int i = 0; i < canDrain; i++) {
                AppTask task = notDraining.get(i);
                fleet.markDraining(task);
                scheduler.at(scheduler.now().plus(timing.drain()), Priority.TASK_STOP, () -> oldTaskStopped(task));
            }
            reportRunningCounts(old, fresh);
            if (fresh == desired && old.isEmpty()) {
                ecs.completeRollout(cluster, service);
                current = null;
                onCompleted.accept(new Rollout(deploymentId, startedAt, scheduler.now(), replaced));
            }
        }

        void taskReady() {
            // A deployment that a newer one superseded launches nothing more.
            if (isCurrent()) {
                fleet.startTask(deploymentId);
                advance();
            }
        }

        void oldTaskStopped(AppTask task) {
            fleet.stopTask(task);
            replaced++;
            if (current != null) {
                current.advance();
            }
        }

        void reportRunningCounts(List<AppTask> old, long fresh) {
            ecs.setRunningCount(cluster, service, deploymentId, (int) fresh);
            for (Deployment d : ecs.deployments(cluster, service)) {
                if (!d.id().equals(deploymentId)) {
                    ecs.setRunningCount(cluster, service, d.id(),
                            (int) old.stream().filter(t -> t.deploymentId().equals(d.id())).count());
                }
            }
        }
    }
}
