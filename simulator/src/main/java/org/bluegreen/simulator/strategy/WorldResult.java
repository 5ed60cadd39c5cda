package org.bluegreen.simulator.strategy;

import org.bluegreen.simulator.fleet.Outage;
import org.bluegreen.simulator.report.WorldHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one strategy's world did.
 *
 * @param staleTaskTime total time tasks held a password the database rejected: every login they tried then failed.
 *                      Unlike the failed-login count it does not depend on the simulated login rate.
 * @param outages       when tasks held such a password, as windows in time order
 */
public record WorldResult(StrategyKind kind, String description, List<String> slots, Instant start, Instant end,
                          WorldHistory history, int deployments, Duration staleTaskTime, List<Outage> outages) {

    /**
     * What an app opening {@code perTaskHour} connections per task and hour would have seen fail: a stale task fails
     * every connection it opens, so the count scales with the rate while the stale task-time does not.
     */
    public double expectedFailedLogins(double perTaskHour) {
        return staleTaskTime.toSeconds() / 3600.0 * perTaskHour;
    }

    public long rotationsDone() {
        return history.rotationsDone();
    }

    public long rotationsRefused() {
        return history.rotationsRefused();
    }

    public long rotationsFailed() {
        return history.rotationsFailed();
    }

    public long loginsAttempted() {
        return history.loginsAttempted();
    }

    public long loginsFailed() {
        return history.loginsFailed();
    }
}
