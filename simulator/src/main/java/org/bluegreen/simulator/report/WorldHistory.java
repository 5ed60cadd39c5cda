package org.bluegreen.simulator.report;

import org.bluegreen.simulator.fleet.AppTask;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.simulator.fleet.FleetObserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happened in one strategy's world, in simulated time: the counts for the summary, the timeline rows, and
 * the samples the chart draws (tasks per slot, the active slot, failed logins).
 */
public final class WorldHistory implements FleetObserver {

    /** Rotation outcomes as the summary counts them. */
    public enum Outcome { DONE, REFUSED, FAILED }

    /**
     * @param outcome the rotation's outcome, or null for other events (service up, rollout done)
     * @param refusal the guard's reason when the outcome is {@link Outcome#REFUSED}, else null
     */
    public record TimelineRow(Instant at, String event, Outcome outcome, Refusal.Reason refusal, String activeSlot,
                              Map<String, Integer> tasksPerSlot, long failedLoginsSoFar) {
    }

    public record TaskSample(Instant at, Map<String, Integer> tasksPerSlot) {
    }

    public record SlotSample(Instant at, String activeSlot) {
    }

    private final Progress progress;
    private final List<TimelineRow> timeline = new ArrayList<>();
    private final List<TaskSample> taskSamples = new ArrayList<>();
    private final List<SlotSample> slotSamples = new ArrayList<>();
    private final List<Instant> failedLogins = new ArrayList<>();
    private Map<String, Integer> tasksNow = Map.of();
    private long loginsAttempted;
    private long rotationsDone;
    private long rotationsRefused;
    private long rotationsFailed;

    public WorldHistory(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void tasksChanged(Instant at, Map<String, Integer> tasksPerSlot) {
        tasksNow = Map.copyOf(tasksPerSlot);
        taskSamples.add(new TaskSample(at, tasksPerSlot));
    }

    @Override
    public void loginAttempted(Instant at, AppTask task) {
        loginsAttempted++;
        progress.loginAttempted();
    }

    @Override
    public void loginFailed(Instant at, AppTask task, String sqlState) {
        failedLogins.add(at);
        progress.loginFailed();
    }

    public void activeSlot(Instant at, String slot) {
        if (slotSamples.isEmpty() || !slotSamples.get(slotSamples.size() - 1).activeSlot().equals(slot)) {
            slotSamples.add(new SlotSample(at, slot));
        }
    }

    /** A rotation's row; {@code refusal} is the guard's reason when {@code outcome} is REFUSED, else null. */
    public void rotation(Instant at, Outcome outcome, Refusal.Reason refusal, String event, String activeSlot) {
        switch (outcome) {
            case DONE -> rotationsDone++;
            case REFUSED -> rotationsRefused++;
            case FAILED -> rotationsFailed++;
        }
        timeline.add(new TimelineRow(at, event, outcome, refusal, activeSlot, tasksNow, failedLogins.size()));
    }

    public void row(Instant at, String event, String activeSlot) {
        timeline.add(new TimelineRow(at, event, null, null, activeSlot, tasksNow, failedLogins.size()));
    }

    public List<TimelineRow> timeline() {
        return List.copyOf(timeline);
    }

    public List<TaskSample> taskSamples() {
        return List.copyOf(taskSamples);
    }

    public List<SlotSample> slotSamples() {
        return List.copyOf(slotSamples);
    }

    public List<Instant> failedLogins() {
        return List.copyOf(failedLogins);
    }

    public long loginsAttempted() {
        return loginsAttempted;
    }

    public long loginsFailed() {
        return failedLogins.size();
    }

    public long rotationsDone() {
        return rotationsDone;
    }

    public long rotationsRefused() {
        return rotationsRefused;
    }

    public long rotationsFailed() {
        return rotationsFailed;
    }
}
