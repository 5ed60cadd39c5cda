package org.bluegreen.simulator.strategy;

import org.bluegreen.simulator.report.WorldHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one strategy's world did.
 *
 * @param staleTaskTime total time tasks held a password the database rejected: every login they tried then failed.
 *                      Unlike the failed-login count it does not depend on the simulated login rate.
 */
public record WorldResult(StrategyKind kind, String description, List<String> slots, Instant start, Instant end,
                          WorldHistory history, int deployments, Duration staleTaskTime) {

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
