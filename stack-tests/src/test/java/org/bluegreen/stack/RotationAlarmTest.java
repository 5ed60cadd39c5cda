package org.bluegreen.stack;

import static org.bluegreen.stack.CfnYaml.get;
import static org.bluegreen.stack.CfnYaml.map;
import static org.bluegreen.stack.CfnYaml.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bluegreen.rotator.StepMetrics;
import org.junit.jupiter.api.Test;

/**
 * The alarm on failed or refused steps watches exactly what the function's step lines emit as embedded metrics:
 * the namespace, metric names and the {@code app} dimension of {@link StepMetrics}, with the pointer parameter as
 * the app, as the rotation resolves it from POINTER_PARAMETER.
 */
class RotationAlarmTest {

    private static final Map<String, Object> T = CfnYaml.loadTemplate();

    @Test
    void theAlarmSumsFailedAndRefusedStepsOfThisStacksAppToTheAlarmTopic() {
        assertEquals("AWS::CloudWatch::Alarm", get(T, "Resources", "RotationStepAlarm", "Type"));
        Map<String, Object> p = map(get(T, "Resources", "RotationStepAlarm", "Properties"));
        assertEquals(List.of(ref("AlarmTopicArn")), p.get("AlarmActions"));
        assertEquals("GreaterThanOrEqualToThreshold", p.get("ComparisonOperator"));
        assertEquals(1, ((Number) p.get("Threshold")).intValue());
        assertEquals("notBreaching", p.get("TreatMissingData"));

        List<Map<String, Object>> metrics = ((List<?>) p.get("Metrics")).stream().map(CfnYaml::map).toList();
        Map<String, Map<String, Object>> byId = metrics.stream().collect(Collectors.toMap(m -> (String) m.get("Id"), m -> m));
        assertEquals("failed + refused", byId.get("failedOrRefused").get("Expression"));
        assertEquals(Boolean.TRUE, byId.get("failedOrRefused").get("ReturnData"));
        Map<String, String> names = Map.of("failed", StepMetrics.FAILED, "refused", StepMetrics.REFUSED);
        names.forEach((id, metricName) -> {
            Map<String, Object> stat = map(byId.get(id).get("MetricStat"));
            Map<String, Object> metric = map(stat.get("Metric"));
            assertEquals(StepMetrics.NAMESPACE, metric.get("Namespace"));
            assertEquals(metricName, metric.get("MetricName"));
            assertEquals(List.of(Map.of("Name", StepMetrics.APP, "Value", ref("PointerParameter"))), metric.get("Dimensions"));
            assertEquals("Sum", stat.get("Stat"));
            assertEquals(Boolean.FALSE, byId.get(id).get("ReturnData"));
        });
        // the app the function's lines name is the pointer parameter it is configured with
        assertEquals(ref("PointerParameter"), get(T, "Resources", "RotationFunction", "Properties", "Environment", "Variables",
                "POINTER_PARAMETER"));
    }
}
