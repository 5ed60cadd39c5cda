package org.bluegreen.simulator.fleet;

import java.time.Instant;
import java.util.Map;

/** What the fleet reports as it goes, for the timeline, the chart and the progress line. */
public interface FleetObserver {

    /** The number of running tasks per slot changed. */
    void tasksChanged(Instant at, Map<String, Integer> tasksPerSlot);

    void loginAttempted(Instant at, AppTask task);

    void loginFailed(Instant at, AppTask task, String sqlState);
}
