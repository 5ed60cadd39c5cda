package org.bluegreen.simulator.deploy;

import java.time.Duration;

/**
 * How ECS replaces tasks in a rolling deployment.
 *
 * @param taskStart          from launching a task until it runs and passes health checks (and reads its secret)
 * @param drain              from deregistering an old task until it stops (the load balancer's deregistration delay)
 * @param minHealthyPercent  ECS {@code minimumHealthyPercent}: tasks that must keep running, in % of desired
 * @param maxPercent         ECS {@code maximumPercent}: tasks allowed to run at once, in % of desired
 */
public record DeploymentTiming(Duration taskStart, Duration drain, int minHealthyPercent, int maxPercent) {

    /** ECS rounds the minimum up and the maximum down. */
    public int minHealthy(int desired) {
        return (int) Math.ceil(desired * minHealthyPercent / 100.0);
    }

    public int maxRunning(int desired) {
        return (int) Math.floor(desired * maxPercent / 100.0);
    }

    /** Fails when a rolling deployment with these percentages could never replace a task. */
    public void requireProgress(int desired) {
        if (maxRunning(desired) <= minHealthy(desired)) {
            throw new IllegalArgumentException("with " + desired + " tasks, minimum healthy " + minHealthyPercent
                    + "% and maximum " + maxPercent + "% leave no room to replace a task: ECS could neither start a new"
                    + " one nor stop an old one");
        }
    }
}
