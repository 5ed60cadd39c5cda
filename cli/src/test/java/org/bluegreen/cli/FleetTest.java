package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code list} and {@code doctor --all} over HTTP against many pairs, with the production AWS clients. */
class FleetTest {

    @Test
    void listFindsEveryPairOverAllPagesAndNamesTheSecretsThatMakeNoPair() throws SQLException {
        try (PairFleet fleet = new PairFleet(105, null)) {
            fleet.secrets.createSecret(r -> r.name("lonely-blue").secretString("{}").tags(
                    Tag.builder().key("bluegreen:slot").value("blue").build(),
                    Tag.builder().key("bluegreen:username").value("lonely_blue").build(),
                    Tag.builder().key("bluegreen:peer-secret").value("lonely-green").build()));
            // a pair whose function's environment lacks ECS_CLUSTER (not the template's)
            String noCluster = fleet.lambda.putFunction("nocluster-rotator", Map.of("POINTER_PARAMETER", "/nocluster/db/active-slot",
                    "ECS_SERVICES", "web"));
            for (String slot : List.of("blue", "green")) {
                fleet.secrets.createSecret(r -> r.name("nocluster-" + slot).secretString("{}").tags(
                        Tag.builder().key("bluegreen:slot").value(slot).build(),
                        Tag.builder().key("bluegreen:username").value("nocluster_" + slot).build(),
                        Tag.builder().key("bluegreen:peer-secret").value("nocluster-" + (slot.equals("blue") ? "green" : "blue")).build()));
                fleet.secrets.enableRotation("nocluster-" + slot, noCluster, "rate(30 days)");
            }
            fleet.secrets.createSecret("untagged", "{}");
            fleet.secrets.stagePendingVersion("app7-blue", "a-rotation-that-did-not-finish");
            fleet.secrets.enableRotation("app3-green", "arn:aws:lambda:us-east-1:123456789012:function:other", "rate(30 days)");
            fleet.clearCalls();

            PairCli.Run json = fleet.run("list", "--json");
            assertEquals(1, json.exit(), json.err());
            List<Map<String, Object>> pairs = list(json.json().get("pairs"));
            assertEquals(104, pairs.size());
            Map<String, Object> app7 = pairs.stream().filter(p -> "/app7/db/active-slot".equals(p.get("app"))).findFirst().orElseThrow();
            assertEquals("green", app7.get("pointer"));
            assertEquals("app7-green", app7.get("liveSecret"));
            List<Map<String, Object>> slots = list(app7.get("slots"));
            assertEquals(List.of("blue", "green"), slots.stream().map(s -> s.get("slot")).toList());
            assertEquals("a-rotation-that-did-not-finish", slots.get(0).get("pendingVersion"));
            assertEquals(null, slots.get(1).get("pendingVersion"));
            assertEquals("2026-03-31T08:00:00Z", slots.get(0).get("nextRotation"));
            assertEquals(Boolean.TRUE, app7.get("sameFunction"));

            List<Map<String, Object>> problems = list(json.json().get("problems"));
            assertEquals(3, problems.size(), problems.toString());
            assertTrue(problems.toString().contains("half a pair: secret 'lonely-blue' names 'lonely-green'"), problems.toString());
            assertTrue(problems.toString().contains("secret 'nocluster-blue': no ECS cluster: the environment of its rotation function "
                    + noCluster + " has no ECS_CLUSTER (the template writes it there); pass --cluster or tag the secret"
                    + " bluegreen:cluster"), problems.toString());
            assertTrue(problems.toString().contains("secret 'app3-blue' rotates with function " + BlueGreenPair.FUNCTION.replace(
                    "bluegreen-rotator", "app3-rotator") + " but its peer 'app3-green' with arn:aws:lambda:us-east-1:123456789012:function:other"),
                    problems.toString());

            // 214 tagged secrets in pages of 100, one pointer per pair, one configuration per function, nothing per secret
            assertEquals(3, Collections.frequency(json.calls(), "ListSecrets"));
            assertEquals(104, Collections.frequency(json.calls(), "GetParameter"));
            assertEquals(105, Collections.frequency(json.calls(), "GetFunctionConfiguration"));
            assertEquals(104 + 105 + 3, json.calls().size(), "no other call: " + json.calls().stream().distinct().toList());

            PairCli.Run text = fleet.run("list");
            assertTrue(text.out().contains("/app7/db/active-slot"), text.out());
            assertTrue(text.out().contains("a-rotation-that-did-not-finish"), text.out());
            assertTrue(text.out().contains("104 pair(s); 3 problem(s):"), text.out());
        }
    }

    @Test
    void doctorAllChecksEveryPairWithBatchedServiceCallsAndFailsIfOneFails() throws SQLException {
        try (PairFleet fleet = new PairFleet(12, new PostgresTestDatabase())) {
            PairCli.Run healthy = fleet.run("doctor", "--all", "--parallel", "4");
            assertEquals(0, healthy.exit(), healthy.out() + healthy.err());
            assertTrue(healthy.out().contains("12 pair(s): 0 FAIL, 0 WARN, 12 PASS; 0 secret group(s) make no pair"), healthy.out());
            // 24 services of one cluster in calls of 10; no DescribeSecret: the listing said it all
            assertEquals(3, Collections.frequency(healthy.calls(), "DescribeServices"), healthy.calls().toString());
            assertEquals(0, Collections.frequency(healthy.calls(), "DescribeSecret"));
            assertEquals(List.of(), healthy.calls().stream().filter(PairCli.WRITES::contains).toList(), "the doctor changes nothing");

            fleet.secrets.putSecretValue(r -> r.secretId("app5-green").secretString(
                    "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":1,\"username\":\"nobody\",\"password\":\"x\"}"));
            PairCli.Run broken = fleet.run("doctor", "--all");
            assertEquals(1, broken.exit(), broken.out());
            List<String> lines = broken.out().lines().filter(l -> l.contains("/app")).toList();
            assertEquals(12, lines.size(), broken.out());
            assertEquals(List.of("/app5/db/active-slot"), lines.stream().filter(l -> l.startsWith("FAIL"))
                    .map(l -> l.split("\\s+")[1]).toList(), broken.out());
            assertTrue(broken.out().contains("12 pair(s): 1 FAIL"), broken.out());

            PairCli.Run json = fleet.run("doctor", "--all", "--json");
            assertEquals(Boolean.FALSE, json.json().get("ok"));
            assertEquals(12, list(json.json().get("pairs")).size());
        }
    }

    @Test
    void doctorNeedsAPairOrAll() throws SQLException {
        try (PairFleet fleet = new PairFleet(1, null)) {
            PairCli.Run neither = fleet.run("doctor");
            assertEquals(2, neither.exit());
            assertTrue(neither.err().contains("--all") && neither.err().contains("--blue"), neither.err());
            PairCli.Run both = fleet.run("doctor", "--all", "--blue", "app1-blue", "--green", "app1-green");
            assertEquals(2, both.exit());
            assertTrue(fleet.run("doctor", "--blue", "app1-blue", "--green", "app1-green").out().contains("PASS  secrets"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object json) {
        return (List<Map<String, Object>>) json;
    }
}
