package org.bluegreen.simulator;

import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.simulator.deploy.DeploymentTiming;
import org.bluegreen.simulator.report.WorldHistory;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.simulator.strategy.WorldResult;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short simulation every database family must pass: two tasks, one login per task every 4 simulated hours.
 * The timings are chosen so the single-user baseline's failures follow from the schedule alone, whatever the
 * seeded login phases, and so whatever the database.
 */
final class ShortSimulation {

    static final int TASKS = 2;
    static final Duration STEP_GAP = Duration.ofMinutes(30);
    static final Duration TASK_START = Duration.ofMinutes(60);
    static final Duration DRAIN = Duration.ofMinutes(120);
    static final double LOGINS_PER_HOUR = 0.25;

    private ShortSimulation() {
    }

    static SimulationConfig config(Path report, long seed, int months, List<StrategyKind> strategies) {
        return new SimulationConfig(months, TASKS, LOGINS_PER_HOUR, new DeploymentTiming(TASK_START, DRAIN, 100, 200),
                STEP_GAP, Duration.ofHours(4), YearMonth.of(2025, 1), seed, strategies, true, report, 3);
    }

    /**
     * The counts of a run of all three strategies over {@code config.months()}: blue/green never fails and completes
     * every rotation, the misfires are refused, the baseline fails exactly as the schedule dictates.
     */
    static void assertCounts(Simulation.Result result) {
        SimulationConfig config = result.config();
        int rotations = 2 * config.months(); // blue on the 1st, green on the 15th
        WorldResult blueGreen = result.world(StrategyKind.BLUEGREEN);
        assertEquals(rotations, blueGreen.rotationsDone());
        assertEquals(0, blueGreen.rotationsRefused() + blueGreen.rotationsFailed());
        assertEquals(rotations, blueGreen.deployments());
        assertEquals(0, blueGreen.loginsFailed());
        assertEquals(Duration.ZERO, blueGreen.staleTaskTime());

        WorldResult misfire = result.world(StrategyKind.MISFIRE);
        assertEquals(rotations, misfire.rotationsDone(), "every scheduled rotation completes, reattempting the refused one");
        assertEquals(rotations, misfire.rotationsRefused(), "each misfire (8th, 22nd) is refused by the guard");
        assertEquals(0, misfire.rotationsFailed());
        assertEquals(rotations, misfire.deployments(), "a refused rotation deploys nothing");
        assertEquals(0, misfire.loginsFailed());
        assertEquals(Collections.nCopies(rotations, Refusal.Reason.ACTIVE_SLOT), misfire.history().timeline().stream()
                .filter(r -> r.outcome() == WorldHistory.Outcome.REFUSED).map(WorldHistory.TimelineRow::refusal).toList(),
                "the active-slot guard refused each misfire");

        // Baseline: the old tasks' password stops working at setSecret (one gap after the trigger) and they stop after
        // the rest of the rotation (two more gaps), the new tasks' start and the drain. A task logs in every interval
        // at a fixed phase, so a window that is a whole number of intervals long holds exactly that many of its logins.
        Duration staleWindow = STEP_GAP.multipliedBy(2).plus(TASK_START).plus(DRAIN);
        Duration interval = config.loginInterval();
        assertEquals(0, staleWindow.toMillis() % interval.toMillis(), "test timings must make the window whole intervals");
        long loginsPerStaleTask = staleWindow.toMillis() / interval.toMillis();
        WorldResult single = result.world(StrategyKind.SINGLE_USER);
        assertEquals(rotations, single.rotationsDone());
        assertEquals(rotations, single.deployments());
        assertEquals((long) rotations * TASKS * loginsPerStaleTask, single.loginsFailed());
        assertEquals(staleWindow.multipliedBy((long) rotations * TASKS), single.staleTaskTime());

        // The same fleet, the same deployments, the same seeded phases: the same number of logins everywhere.
        assertTrue(blueGreen.loginsAttempted() > 0);
        assertEquals(blueGreen.loginsAttempted(), single.loginsAttempted());
        assertEquals(blueGreen.loginsAttempted(), misfire.loginsAttempted());
        assertEquals(0, SimulatorCommand.exitStatus(result), "no failed login and no refusal under ours");
    }
}
