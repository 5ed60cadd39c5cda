package org.bluegreen.rotator.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairConfigTest {

    private static final Map<String, String> ENV = Map.of(
            "POINTER_PARAMETER", "/app/db/active",
            "ECS_CLUSTER", "prod",
            "ECS_SERVICES", " web, worker ,");

    @Test
    void environmentDefaults() {
        FunctionSettings s = FunctionSettings.fromEnvironment(ENV);
        assertEquals(32, s.passwordLength());
        assertEquals(FunctionSettings.DEFAULT_EXCLUDE_CHARACTERS, s.excludeCharacters());
        assertTrue(s.liveSessionsFail());
        assertNull(s.caBundle());

        PairConfig pair = PairConfig.resolve(s, "app-blue", Map.of());
        assertEquals("app-blue", pair.slot(), "without a slot tag the slot is the secret's name");
        assertEquals("/app/db/active", pair.pointerParameter());
        assertEquals("prod", pair.cluster());
        assertEquals(List.of("web", "worker"), pair.services());
    }

    @Test
    void tagsOverrideTheEnvironment() {
        PairConfig pair = PairConfig.resolve(FunctionSettings.fromEnvironment(ENV), "app-blue", Map.of(
                "bluegreen:slot", "blue",
                "bluegreen:pointer-parameter", "/other/active",
                "bluegreen:cluster", "staging",
                "bluegreen:services", "api  jobs",
                "bluegreen:active-secret", "app-active"));
        assertEquals(new PairConfig("blue", "/other/active", "staging", List.of("api", "jobs"), "app-active"), pair);
    }

    @Test
    void defaultExclusionsCoverWhatBreaksUrlsAndShells() {
        for (char c : ":/@\"'\\`$".toCharArray()) {
            assertTrue(FunctionSettings.DEFAULT_EXCLUDE_CHARACTERS.indexOf(c) >= 0, "excludes " + c);
        }
        assertFalse(FunctionSettings.DEFAULT_EXCLUDE_CHARACTERS.contains("_"));
    }

    @Test
    void missingPieceIsNamedWithBothWaysToSetIt() {
        FunctionSettings none = FunctionSettings.fromEnvironment(Map.of());
        assertEquals("secret 'app-blue': no pointer parameter: set POINTER_PARAMETER or tag bluegreen:pointer-parameter",
                assertThrows(ConfigurationException.class, () -> PairConfig.resolve(none, "app-blue", Map.of())).getMessage());
        assertEquals("secret 'app-blue': no ECS services: set ECS_SERVICES or tag bluegreen:services",
                assertThrows(ConfigurationException.class, () -> PairConfig.resolve(none, "app-blue",
                        Map.of("bluegreen:pointer-parameter", "/p", "bluegreen:cluster", "c"))).getMessage());
    }

    @Test
    void badEnvironmentValuesAreRejected() {
        assertEquals("PASSWORD_LENGTH must be a whole number, got 'long'", assertThrows(ConfigurationException.class,
                () -> FunctionSettings.fromEnvironment(Map.of("PASSWORD_LENGTH", "long"))).getMessage());
        assertEquals("PASSWORD_LENGTH must be from 16 to 4096, got 8", assertThrows(ConfigurationException.class,
                () -> FunctionSettings.fromEnvironment(Map.of("PASSWORD_LENGTH", "8"))).getMessage());
        assertEquals("LIVE_SESSION_CHECK must be 'fail' or 'warn', got 'maybe'", assertThrows(ConfigurationException.class,
                () -> FunctionSettings.fromEnvironment(Map.of("LIVE_SESSION_CHECK", "maybe"))).getMessage());
        assertEquals("DB_CA_BUNDLE names '/nonexistent/ca.pem', which is not a readable file", assertThrows(ConfigurationException.class,
                () -> FunctionSettings.fromEnvironment(Map.of("DB_CA_BUNDLE", "/nonexistent/ca.pem"))).getMessage());
    }

    @Test
    void liveSessionCheckCanBeAWarning() {
        assertFalse(FunctionSettings.fromEnvironment(Map.of("LIVE_SESSION_CHECK", "WARN")).liveSessionsFail());
    }
}
