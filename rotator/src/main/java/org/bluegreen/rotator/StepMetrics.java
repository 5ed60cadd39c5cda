package org.bluegreen.rotator;

import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.rotation.Step;
import org.bluegreen.rotator.rotation.StepOutcome;
import org.bluegreen.rotator.rotation.StepSubject;

import java.util.List;
import java.util.Map;

/**
 * The metrics of one step, in CloudWatch Embedded Metric Format on the step's own log line: CloudWatch Logs
 * extracts them as it ingests the line, so metrics and alarms cost no API call and no permission. One value per
 * step for each of {@link #SUCCEEDED}, {@link #REFUSED}, {@link #FAILED} (1 for the outcome, 0 for the others, so
 * a Sum is a count and an Average a rate) and {@link #DURATION}, by {@code app} alone and by {@code app},
 * {@code slot} and {@code step}.
 */
public final class StepMetrics {

    public static final String NAMESPACE = "bluegreen";
    public static final String SUCCEEDED = "StepSucceeded";
    public static final String REFUSED = "StepRefused";
    public static final String FAILED = "StepFailed";
    public static final String DURATION = "StepDurationMs";
    /** Dimension keys; their values are fields of the line. */
    public static final String APP = "app";
    public static final String SLOT = "slot";
    public static final String STEP = "step";
    /** A dimension must have a value: what a step that could not read its secret or configuration records. */
    public static final String UNKNOWN = "unknown";

    private static final Map<String, Object> DIRECTIVE = Map.of(
            "Namespace", NAMESPACE,
            "Dimensions", List.of(List.of(APP), List.of(APP, SLOT, STEP)),
            "Metrics", List.of(
                    Map.of("Name", SUCCEEDED, "Unit", "Count"),
                    Map.of("Name", REFUSED, "Unit", "Count"),
                    Map.of("Name", FAILED, "Unit", "Count"),
                    Map.of("Name", DURATION, "Unit", "Milliseconds")));

    private StepMetrics() {
    }

    /** Adds the dimensions, the values and the directive to a step's line. */
    static JsonLog.Line addTo(JsonLog.Line line, String eventStep, StepOutcome outcome, long durationMs) {
        StepSubject s = outcome.subject();
        return line.with(APP, s.app() != null ? s.app() : UNKNOWN)
                .with(SLOT, s.slot() != null ? s.slot() : UNKNOWN)
                .with(STEP, stepName(eventStep))
                .with(SUCCEEDED, outcome instanceof StepOutcome.Succeeded ? 1 : 0)
                .with(REFUSED, outcome instanceof StepOutcome.Refused ? 1 : 0)
                .with(FAILED, outcome instanceof StepOutcome.Failed ? 1 : 0)
                .with(DURATION, durationMs)
                .embedMetrics(DIRECTIVE);
    }

    /** The step's canonical name (both spellings arrive), so one step is one dimension value. */
    private static String stepName(String eventStep) {
        try {
            return Step.parse(eventStep).toString();
        } catch (RotationException unknownStep) {
            return UNKNOWN;
        }
    }
}
