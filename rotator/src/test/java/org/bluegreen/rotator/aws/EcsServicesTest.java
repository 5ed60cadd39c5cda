package org.bluegreen.rotator.aws;

import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EcsServicesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    private final FakeEcs ecs = new FakeEcs(clock);
    private final EcsServices services = new EcsServices(ecs);

    @Test
    void describesInBatchesOfTen() {
        List<String> names = IntStream.range(0, 23).mapToObj(i -> "svc" + i).toList();
        names.forEach(n -> ecs.createService("prod", n, 1));

        List<ServiceState> states = services.describe("prod", names);

        assertEquals(names, states.stream().map(ServiceState::name).toList());
        assertEquals(List.of("DescribeServices", "DescribeServices", "DescribeServices"), ecs.calls());
        assertTrue(states.stream().allMatch(ServiceState::isSteady));
    }

    @Test
    void acceptsArnsAndSeesAForcedDeployment() {
        ecs.createService("prod", "web", 2);
        services.forceNewDeployment("prod", FakeEcs.serviceArn("prod", "web"));

        ServiceState web = services.describe("prod", List.of(FakeEcs.serviceArn("prod", "web"))).get(0);

        assertFalse(web.isSteady());
        assertEquals(2, web.deployments().size());
        assertEquals("IN_PROGRESS", web.deployments().get(0).rolloutState(), "newest first");
    }

    @Test
    void serviceWithoutRolloutStateIsSteadyWhenAllTasksRun() {
        ecs.createService("prod", "classic", 3, false);
        assertTrue(services.describe("prod", List.of("classic")).get(0).isSteady());
    }

    @Test
    void missingServiceAndClusterAreNamed() {
        ecs.createService("prod", "web", 1);
        assertEquals("ECS service '" + FakeEcs.serviceArn("prod", "nope") + "' in cluster 'prod': MISSING",
                assertThrows(AwsStateException.class, () -> services.describe("prod", List.of("web", "nope"))).getMessage());
        assertEquals("ECS cluster 'staging' does not exist",
                assertThrows(AwsStateException.class, () -> services.describe("staging", List.of("web"))).getMessage());
    }
}
