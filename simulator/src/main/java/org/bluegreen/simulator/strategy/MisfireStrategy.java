package org.bluegreen.simulator.strategy;

import org.bluegreen.simulator.time.RotationCalendar;
import org.bluegreen.simulator.time.RotationCalendar.Trigger;

import java.util.List;

/**
 * Ours, with a schedule that also fires each slot while the app uses it (blue on the 8th, green on the 22nd):
 * the active-slot guard must refuse those before anything is written, and no login may fail.
 */
public final class MisfireStrategy extends BlueGreenStrategy {

    @Override
    public StrategyKind kind() {
        return StrategyKind.MISFIRE;
    }

    @Override
    public String description() {
        return "blue/green with a misfired schedule that also triggers the active slot a week after each rotation:"
                + " the guard refuses, and Secrets Manager reattempts the pending rotation at the next trigger";
    }

    @Override
    public List<Trigger> triggers(RotationCalendar calendar) {
        return calendar.withMisfires();
    }
}
