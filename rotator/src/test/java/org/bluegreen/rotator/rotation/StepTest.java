package org.bluegreen.rotator.rotation;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StepTest {

    @Test
    void bothSpellingsOfEveryStep() {
        assertEquals(Step.CREATE_SECRET, Step.parse("createSecret"));
        assertEquals(Step.CREATE_SECRET, Step.parse("create_secret"));
        assertEquals(Step.SET_SECRET, Step.parse("set_secret"));
        assertEquals(Step.TEST_SECRET, Step.parse("testSecret"));
        assertEquals(Step.FINISH_SECRET, Step.parse("finish_secret"));
    }

    @Test
    void unknownStepIsNamed() {
        assertEquals("unknown rotation step 'dropSecret' (expected createSecret, setSecret, testSecret or finishSecret)",
                assertThrows(RotationException.class, () -> Step.parse("dropSecret")).getMessage());
    }

    @Test
    void eventFields() {
        RotationEvent e = RotationEvent.fromMap(Map.of("Step", "setSecret", "SecretId", "arn:x", "ClientRequestToken", "tok"));
        assertEquals(new RotationEvent(Step.SET_SECRET, "arn:x", "tok", null), e);
        assertNull(e.rotationToken());
    }

    @Test
    void missingEventFieldsAreNamed() {
        assertEquals("the event has no 'ClientRequestToken'", assertThrows(RotationException.class,
                () -> RotationEvent.fromMap(Map.of("Step", "setSecret", "SecretId", "arn:x"))).getMessage());
        assertEquals("the event has no 'Step'", assertThrows(RotationException.class,
                () -> RotationEvent.fromMap(Map.of("SecretId", "arn:x"))).getMessage());
    }

    @Test
    void rotationTokenNeverInToString() {
        RotationEvent e = new RotationEvent(Step.SET_SECRET, "arn:x", "tok", "sensitive-rotation-token");
        assertEquals("RotationEvent[step=setSecret, secretId=arn:x, token=tok]", e.toString());
    }
}
