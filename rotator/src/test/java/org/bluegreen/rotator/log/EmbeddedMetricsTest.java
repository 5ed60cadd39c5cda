package org.bluegreen.rotator.log;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.StepMetrics;
import org.bluegreen.rotator.log.EmbeddedMetricExtractor.Datum;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.scenario.BlueGreenPair.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The step lines of real rotations read as CloudWatch reads Embedded Metric Format: each step line yields its
 * metrics with the right dimensions, and every line names the secret by ARN and name.
 */
class EmbeddedMetricsTest {

    private BlueGreenPair pair;

    @BeforeEach
    void pair() throws SQLException {
        pair = BlueGreenPair.selfService(new PostgresTestDatabase());
    }

    @AfterEach
    void close() throws SQLException {
        pair.close();
    }

    private List<Map<String, Object>> lines() throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : pair.log().lines().toList()) {
            lines.add(JSON.std.mapFrom(line));
        }
        return lines;
    }

    /** The metrics CloudWatch would extract from the whole log, line by line (a line without _aws yields none). */
    private List<Datum> metrics() {
        List<Datum> data = new ArrayList<>();
        for (String line : pair.log().lines().toList()) {
            if (line.contains("\"_aws\"")) {
                data.addAll(EmbeddedMetricExtractor.extract(line));
            }
        }
        return data;
    }

    private static double value(List<Datum> data, String metric, Map<String, String> dimensions) {
        List<Datum> matching = data.stream().filter(d -> d.name().equals(metric) && d.dimensions().equals(dimensions)).toList();
        assertEquals(1, matching.size(), metric + " " + dimensions + " in " + data);
        return matching.get(0).value();
    }

    @Test
    void aRotationGivesOneSucceededPerStepWithAppSlotAndStep() {
        pair.rotate(pair.blueArn);
        List<Datum> data = metrics();
        assertEquals(4 * 4 * 2, data.size(), "4 step lines × 4 metrics × 2 dimension sets");
        for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
            Map<String, String> dims = Map.of("app", POINTER, "slot", "blue", "step", step);
            assertEquals(1, value(data, StepMetrics.SUCCEEDED, dims));
            assertEquals(0, value(data, StepMetrics.REFUSED, dims));
            assertEquals(0, value(data, StepMetrics.FAILED, dims));
            assertTrue(value(data, StepMetrics.DURATION, dims) >= 0);
        }
        assertTrue(data.stream().allMatch(d -> d.namespace().equals("bluegreen")));
        assertTrue(data.stream().filter(d -> d.name().equals(StepMetrics.DURATION)).allMatch(d -> d.unit().equals("Milliseconds")));
        assertTrue(data.stream().filter(d -> d.name().equals(StepMetrics.SUCCEEDED)).allMatch(d -> d.unit().equals("Count")));
        // the alarm's view: by app alone, one value per step line
        assertEquals(4, data.stream().filter(d -> d.name().equals(StepMetrics.SUCCEEDED) && d.dimensions().equals(Map.of("app", POINTER)))
                .mapToDouble(Datum::value).sum());
        assertEquals(pair.clock.millis(), data.get(data.size() - 1).timestamp(), 10_000, "Timestamp is the line's time");
    }

    @Test
    void aRefusedStepCountsAsRefused() {
        assertThrows(RuntimeException.class, () -> pair.rotate(pair.greenArn)); // green is the live slot
        List<Datum> data = metrics();
        Map<String, String> dims = Map.of("app", POINTER, "slot", "green", "step", "createSecret");
        assertEquals(1, value(data, StepMetrics.REFUSED, dims));
        assertEquals(0, value(data, StepMetrics.SUCCEEDED, dims));
        assertEquals(0, value(data, StepMetrics.FAILED, dims));
        assertEquals(1, value(data, StepMetrics.REFUSED, Map.of("app", POINTER)));
    }

    @Test
    void aStepThatCannotReadItsSecretFailsWithUnknownAppAndSlotButTheArn() throws IOException {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:no-such-secret-AbCdEf";
        assertThrows(RuntimeException.class, () -> pair.handler().handle(new java.util.HashMap<>(Map.of(
                "Step", "create_secret", "SecretId", arn, "ClientRequestToken", "tok-1"))));
        List<Datum> data = metrics();
        assertEquals(1, value(data, StepMetrics.FAILED, Map.of("app", "unknown", "slot", "unknown", "step", "createSecret")));
        Map<String, Object> line = lines().get(lines().size() - 1);
        assertEquals(arn, line.get("secretArn"));
        assertEquals("tok-1", line.get("clientRequestToken"));
    }

    @Test
    void everyLineNamesTheSecretByArnAndNameAndNoneCarriesTheRotationToken() throws IOException {
        pair.rotateSecret(pair.blueArn); // through RotateSecret: the fake passes a RotationToken, as Secrets Manager does
        String rotationToken = pair.secrets.lastRotationTokenSeen();
        assertNotNull(rotationToken);
        List<Map<String, Object>> lines = lines();
        assertTrue(lines.size() > 4, "the step lines and finishSecret's action lines");
        for (Map<String, Object> line : lines) {
            assertEquals(pair.blueArn, line.get("secretArn"), line.toString());
            assertEquals(BlueGreenPair.BLUE_SECRET, line.get("secretName"), line.toString());
            assertFalse(line.containsKey("token") || line.containsKey("secret"), line.toString());
        }
        assertFalse(pair.log().contains(rotationToken), "the RotationToken is never logged");
        assertTrue(lines.stream().filter(l -> l.containsKey("_aws")).allMatch(l -> l.get("clientRequestToken") != null));
    }

    @Test
    void theExtractorRejectsWhatCloudWatchWould() {
        String ok = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[\"a\"]],"
                + "\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Count\"}]}]},\"a\":\"x\",\"m\":1}";
        assertEquals(1, EmbeddedMetricExtractor.extract(ok).size());
        for (String bad : List.of(
                ok.replace(",\"a\":\"x\"", ""),                      // a dimension that is not a member
                ok.replace("\"a\":\"x\"", "\"a\":7"),                // a dimension that is not a string
                ok.replace("\"m\":1", "\"m\":\"1\""),                // a metric that is not a number
                ok.replace("\"Unit\":\"Count\"", "\"Unit\":\"ms\""), // no such unit
                ok.replace("\"Timestamp\":1,", ""),                  // no timestamp
                ok.replace("\"Namespace\":\"n\",", "\"Namespace\":\"n\",\"Extra\":1,"))) {
            assertThrows(EmbeddedMetricExtractor.InvalidDocument.class, () -> EmbeddedMetricExtractor.extract(bad), bad);
        }
    }
}
