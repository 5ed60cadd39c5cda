package org.bluegreen.simulator;

import org.bluegreen.simulator.deploy.DeploymentTiming;
import org.bluegreen.simulator.strategy.StrategyKind;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * Everything a run depends on. Two runs with the same configuration (and the same database behaviour) produce the
 * same counts: all randomness comes from {@code seed}.
 *
 * @param loginsPerTaskHour steady rate at which each task opens a new connection, per simulated hour
 * @param stepGap           time between two steps of one rotation (Secrets Manager invokes them one after another)
 * @param rotationWindow    a rotation starts at a seeded moment within this window after midnight UTC
 * @param liveSessionsFail  the rotator's LIVE_SESSION_CHECK: fail (true) or warn (false)
 * @param threads           strategy worlds simulated at once (each world is sequential and deterministic)
 */
public record SimulationConfig(int months, int tasks, double loginsPerTaskHour, DeploymentTiming deployment,
                               Duration stepGap, Duration rotationWindow, YearMonth firstMonth, long seed,
                               List<StrategyKind> strategies, boolean liveSessionsFail, Path report, int threads) {

    public SimulationConfig {
        strategies = List.copyOf(strategies);
        if (months < 1) {
            throw new IllegalArgumentException("--months must be at least 1");
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1");
        }
        if (!(loginsPerTaskHour > 0) || loginsPerTaskHour > 3600) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 3600 logins per task per hour");
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("--strategies names none");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        deployment.requireProgress(tasks);
    }

    public Duration loginInterval() {
        return Duration.ofMillis(Math.round(3_600_000 / loginsPerTaskHour));
    }
}
