package org.bluegreen.cli;

import org.bluegreen.cli.aws.Clients;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.aws.SecretListing;
import org.bluegreen.cli.fleet.Inventory;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.testkit.aws.FakeLambda;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How listed secrets become pairs (by their peer tags, as the rotation defines a pair), and every way they can fail
 * to. The secrets are tagged as the template tags them; their configuration is their rotation function's environment.
 */
class InventoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final FakeLambda lambda = new FakeLambda(clock);
    private final String function = lambda.putFunction("rotator", Map.of("POINTER_PARAMETER", "/p", "ECS_CLUSTER", "prod",
            "ECS_SERVICES", "web"));
    private final String otherFunction = lambda.putFunction("other-rotator", Map.of("POINTER_PARAMETER", "/q",
            "ECS_CLUSTER", "prod", "ECS_SERVICES", "web"));
    private final PairReader reader = new PairReader(new Clients(new AwsClients(new FakeSecretsManager(clock),
            new FakeSsm(clock), new FakeEcs(clock)), null, lambda), Map.of());

    private SecretListing secret(String name, String slot, String peer, String fn, String... moreTags) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("bluegreen:slot", slot);
        tags.put("bluegreen:username", name.replace('-', '_'));
        tags.put("bluegreen:peer-secret", peer);
        tags.put("bluegreen:app", "app");
        for (int i = 0; i < moreTags.length; i += 2) {
            tags.put(moreTags[i], moreTags[i + 1]);
        }
        tags.values().removeIf(v -> v == null);
        return new SecretListing(new SecretMetadata("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf",
                name, true, Map.of(), tags), new RotationSchedule(true, fn, "rate(30 days)", null, null, null, null));
    }

    private List<String> problems(Inventory inventory) {
        return inventory.problems().stream().map(Inventory.Problem::message).toList();
    }

    @Test
    void secretsThatNameEachOtherAreAPairWhateverTheOrderAndTheActiveCopyIsNoSlot() {
        SecretListing activeCopy = new SecretListing(new SecretMetadata("arn:aws:secretsmanager:us-east-1:123456789012:secret:a/db/active-XyZxYz",
                "a/db/active", false, Map.of(), Map.of("bluegreen:role", "active-copy", "bluegreen:app", "a")),
                new RotationSchedule(false, null, null, null, null, null, null));
        Inventory inventory = Inventory.of(List.of(secret("b/db/green", "green", "b/db/blue", function), activeCopy,
                secret("a/db/blue", "blue", "a/db/green", function, "bluegreen:pointer-parameter", "/a"),
                secret("b/db/blue", "blue", "b/db/green", function),
                secret("a/db/green", "green", "a/db/blue", function, "bluegreen:pointer-parameter", "/a")), reader);
        assertEquals(List.of(), inventory.problems());
        assertEquals(List.of("/a", "/p"), inventory.pairs().stream().map(p -> p.app()).sorted().toList());
        var b = inventory.pairs().stream().filter(p -> p.app().equals("/p")).findFirst().orElseThrow().pair();
        assertEquals("b/db/blue", b.blue().name());
        assertEquals("b/db/green", b.green().name());
        assertEquals(List.of("web"), b.services());
        assertEquals(1, lambda.calls().size(), "one GetFunctionConfiguration per function: " + lambda.calls());
    }

    @Test
    void everyOtherGroupIsAProblemThatNamesItsSecrets() {
        Inventory inventory = Inventory.of(List.of(
                secret("alone", "blue", "nobody", function),
                secret("untagged", "blue", null, function),
                secret("x-blue", "blue", "x-green", function), secret("x-green", "green", "someone-else", function),
                secret("c-blue", "blue", "c-green", function), secret("c-green", "green", "c-blue", function,
                        "bluegreen:cluster", "staging"),
                secret("s-blue", "blue", "s-green", function), secret("s-green", "blue", "s-blue", function),
                secret("f-blue", "blue", "f-green", function), secret("f-green", "green", "f-blue", otherFunction)), reader);
        assertEquals(List.of(), inventory.pairs());
        List<String> problems = problems(inventory);
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(problems.contains("half a pair: secret 'alone' names 'nobody' as its peer (tag bluegreen:peer-secret), and no"
                + " secret of that name has the slot tags"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("secret 'untagged' has no tag bluegreen:peer-secret")), problems.toString());
        assertTrue(problems.contains("half a pair: secret 'x-blue' names 'x-green' as its peer, which names 'someone-else'"
                + " (tag bluegreen:peer-secret)"), problems.toString());
        assertTrue(problems.contains("not a pair (NOT_A_SLOT): secret 'c-blue' uses ECS cluster 'prod' but its peer secret"
                + " 'c-green' uses 'staging'"), problems.toString());
        assertTrue(problems.contains("not a pair (NOT_A_SLOT): secret 's-blue' and its peer secret 's-green' are both slot 'blue'"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("secret 'f-blue' rotates with function " + function
                + " but its peer 'f-green' with " + otherFunction)), problems.toString());
        assertEquals(List.of("c-blue", "c-green"), inventory.problems().stream()
                .filter(p -> p.message().contains("ECS cluster")).findFirst().orElseThrow().secrets());
    }
}
