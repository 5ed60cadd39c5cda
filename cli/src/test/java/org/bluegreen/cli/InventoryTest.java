package org.bluegreen.cli;

import org.bluegreen.cli.fleet.Inventory;
import org.bluegreen.cli.fleet.SecretListing;
import org.bluegreen.cli.inspect.RotationSchedule;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.FunctionSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How listed secrets become pairs, and every way they can fail to. */
class InventoryTest {

    private static final FunctionSettings NO_ENVIRONMENT = FunctionSettings.fromEnvironment(Map.of());

    private static SecretListing secret(String name, String slot, String pointer, String services) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (slot != null) {
            tags.put("bluegreen:slot", slot);
        }
        tags.put("bluegreen:pointer-parameter", pointer);
        tags.put("bluegreen:cluster", "prod");
        tags.put("bluegreen:services", services);
        return new SecretListing(new SecretMetadata("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf",
                name, true, Map.of(), tags), new RotationSchedule(true, "fn", "rate(30 days)", null, null, null, null));
    }

    @Test
    void twoAgreeingSecretsOfOnePointerAreAPairWhateverTheirOrder() {
        Inventory inventory = Inventory.of(List.of(secret("b-green", "green", "/b", "web"), secret("a-blue", "blue", "/a", "web"),
                secret("b-blue", "blue", "/b", "web"), secret("a-green", "green", "/a", "web")), NO_ENVIRONMENT);
        assertEquals(List.of(), inventory.problems());
        assertEquals(List.of("/a", "/b"), inventory.pairs().stream().map(p -> p.app()).toList());
        assertEquals("b-blue", inventory.pairs().get(1).pair().blue().name());
        assertEquals("b-green", inventory.pairs().get(1).pair().green().name());
    }

    @Test
    void everyOtherGroupIsAProblemThatNamesItsSecrets() {
        List<SecretListing> listings = new ArrayList<>(List.of(
                secret("three-1", "blue", "/three", "web"), secret("three-2", "green", "/three", "web"),
                secret("three-3", "red", "/three", "web"),
                secret("same-1", "blue", "/same", "web"), secret("same-2", "blue", "/same", "web"),
                secret("svc-1", "blue", "/svc", "web"), secret("svc-2", "green", "/svc", "worker"),
                secret("alone", "blue", "/alone", "web")));
        Inventory inventory = Inventory.of(listings, NO_ENVIRONMENT);
        assertEquals(List.of(), inventory.pairs());
        List<String> problems = inventory.problems().stream().map(Inventory.Problem::message).toList();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("3 secrets name pointer '/three' (three-1, three-2, three-3): a pair has exactly two;"
                + " give the extra ones their own bluegreen:pointer-parameter"), problems.toString());
        assertTrue(problems.contains("not a pair: both secrets are slot 'blue': give them different bluegreen:slot tags"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("not a pair: the secrets name different ECS services")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("half a pair: secret 'alone'")), problems.toString());
        assertEquals(List.of("alone"), inventory.problems().stream().filter(p -> p.message().startsWith("half"))
                .findFirst().orElseThrow().secrets());
    }
}
