package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SlotPair: which secrets the function treats as a pair's slots, from their tags alone. */
class SlotPairTest {

    private final FakeSecretsManager fake = new FakeSecretsManager(new MutableClock(Instant.parse("2026-03-01T08:00:00Z")));
    private final SecretStore store = new SecretStore(fake);
    private final FunctionSettings settings = FunctionSettings.fromEnvironment(Map.of("POINTER_PARAMETER", "/p",
            "ECS_CLUSTER", "c", "ECS_SERVICES", "web"));
    private final String blue = fake.createSecret("app-blue", "{}");
    private final String green = fake.createSecret("app-green", "{}");

    private void tag(String arn, String slot, String user, String peer) {
        fake.tagResource(b -> b.secretId(arn).tags(Tag.builder().key("bluegreen:slot").value(slot).build(),
                Tag.builder().key("bluegreen:username").value(user).build(),
                Tag.builder().key("bluegreen:peer-secret").value(peer).build()));
    }

    private String refusal() {
        return assertThrows(RotationException.class, () -> SlotPair.of(store.describe(blue), store, settings)).getMessage();
    }

    @Test
    void twoSecretsThatNameEachOtherAreAPair() {
        tag(blue, "blue", "app_blue", "app-green");
        tag(green, "green", "app_green", blue);
        SlotPair pair = SlotPair.of(store.describe(blue), store, settings);
        assertEquals(new SlotPair("blue", "app_blue", "green", "app_green", green, "app-green"), pair);
        assertTrue(pair.isPeer("app-green") && pair.isPeer(green) && pair.isPeer(green.substring(0, green.length() - 7)));
        assertFalse(pair.isPeer("app-gree") || pair.isPeer(blue));
    }

    @Test
    void aSecretWithoutTheTagsIsNoSlot() {
        assertEquals("refused: secret 'app-blue' is not a slot of a blue/green pair: it has no tag bluegreen:slot (the template"
                + " writes bluegreen:slot, bluegreen:username and bluegreen:peer-secret on both slot secrets)", refusal());
    }

    @Test
    void thePeerMustExistAndNameThisSecretBack() {
        tag(blue, "blue", "app_blue", "app-purple");
        assertTrue(refusal().endsWith("names peer secret 'app-purple' (tag bluegreen:peer-secret), which does not exist"), refusal());
        tag(blue, "blue", "app_blue", "app-green");
        tag(green, "green", "app_green", "app-other");
        assertTrue(refusal().endsWith("its peer secret 'app-green' names 'app-other' as its peer, not this secret"), refusal());
    }

    @Test
    void theTwoSlotsDifferInSlotAndUserAndShareThePointer() {
        tag(blue, "blue", "app_blue", "app-green");
        tag(green, "blue", "app_green", "app-blue");
        assertTrue(refusal().endsWith("are both slot 'blue'"), refusal());
        tag(green, "green", "app_blue", "app-blue");
        assertTrue(refusal().endsWith("both pin user 'app_blue'"), refusal());
        tag(green, "green", "app_green", "app-blue");
        fake.tagResource(b -> b.secretId(green).tags(Tag.builder().key("bluegreen:pointer-parameter").value("/other").build()));
        assertTrue(refusal().endsWith("uses pointer '/p' but its peer secret 'app-green' uses '/other'"), refusal());
    }

    private void tagGreen(String key, String value) {
        fake.tagResource(b -> b.secretId(green).tags(Tag.builder().key(key).value(value).build()));
    }

    @Test
    void theTwoSlotsAgreeOnClusterServicesAndActiveSecret() {
        tag(blue, "blue", "app_blue", "app-green");
        tag(green, "green", "app_green", "app-blue");
        tagGreen("bluegreen:cluster", "other");
        assertTrue(refusal().endsWith("uses ECS cluster 'c' but its peer secret 'app-green' uses 'other'"), refusal());
        tagGreen("bluegreen:cluster", "c");
        tagGreen("bluegreen:services", "web api");
        assertTrue(refusal().endsWith("uses ECS services ['web'] but its peer secret 'app-green' uses ['web', 'api']"), refusal());
        tagGreen("bluegreen:services", "web");
        tagGreen("bluegreen:active-secret", "app-active");
        assertTrue(refusal().endsWith("uses active secret none but its peer secret 'app-green' uses 'app-active'"), refusal());
        assertEquals(Refusal.Reason.NOT_A_SLOT,
                assertThrows(Refusal.class, () -> SlotPair.of(store.describe(blue), store, settings)).reason());
        tagGreen("bluegreen:active-secret", "");
        assertEquals("green", SlotPair.of(store.describe(blue), store, settings).peerSlot());
    }
}
