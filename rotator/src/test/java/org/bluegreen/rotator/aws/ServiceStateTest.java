package org.bluegreen.rotator.aws;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceStateTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    private static ServiceState.DeploymentState deployment(String rollout, int running, int desired, Instant at) {
        return new ServiceState.DeploymentState("ecs-svc/1", "PRIMARY", rollout, at, running, desired);
    }

    @Test
    void steadyMeansOneCompletedDeployment() {
        assertTrue(new ServiceState("web", List.of(deployment("COMPLETED", 4, 4, T))).isSteady());
        assertFalse(new ServiceState("web", List.of(deployment("IN_PROGRESS", 4, 4, T))).isSteady());
        assertFalse(new ServiceState("web", List.of(deployment("COMPLETED", 4, 4, T),
                deployment("COMPLETED", 4, 4, T.minusSeconds(60)))).isSteady());
    }

    @Test
    void withoutRolloutStateSteadyMeansAllTasksRunning() {
        assertTrue(new ServiceState("web", List.of(deployment(null, 3, 3, T))).isSteady());
        assertFalse(new ServiceState("web", List.of(deployment(null, 2, 3, T))).isSteady());
    }

    @Test
    void newestDeployment() {
        ServiceState s = new ServiceState("web", List.of(deployment("IN_PROGRESS", 0, 4, T.plusSeconds(5)),
                deployment("COMPLETED", 4, 4, T)));
        assertEquals(T.plusSeconds(5), s.newestDeploymentAt().orElseThrow());
        assertEquals("2 deployments (a rollout is in progress)", s.summary());
    }

    /** A deployment that started at the very moment the pointer changed already serves the new value. */
    @Test
    void redeployedSinceThePointerChanged() {
        ServiceState s = new ServiceState("web", List.of(deployment("COMPLETED", 4, 4, T)));
        assertTrue(s.redeployedSince(new PointerState("/p", "blue", 2, T.minusSeconds(1))));
        assertTrue(s.redeployedSince(new PointerState("/p", "blue", 2, T)));
        assertFalse(s.redeployedSince(new PointerState("/p", "blue", 2, T.plusSeconds(1))));
        assertFalse(new ServiceState("idle", List.of()).redeployedSince(new PointerState("/p", "blue", 1, T)),
                "a service without deployments was never redeployed");
    }
}
