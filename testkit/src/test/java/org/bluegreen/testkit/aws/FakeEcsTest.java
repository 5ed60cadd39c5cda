package org.bluegreen.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

class FakeEcsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final FakeEcs ecs = new FakeEcs(clock);

    private Service describe(String service) {
        return ecs.describeServices(r -> r.cluster("prod").services(service)).services().get(0);
    }

    private void forceNewDeployment(String service) {
        ecs.updateService(r -> r.cluster("prod").service(service).forceNewDeployment(true));
    }

    @Test
    void createdServiceIsSteady() {
        ecs.createService("prod", "orders", 3);
        Service s = describe("orders");
        assertEquals("arn:aws:ecs:us-east-1:123456789012:service/prod/orders", s.serviceArn());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/prod", s.clusterArn());
        assertEquals("ACTIVE", s.status());
        assertEquals(3, s.desiredCount());
        assertEquals(3, s.runningCount());
        assertEquals(T0, s.createdAt());
        Deployment d = s.deployments().get(0);
        assertEquals(1, s.deployments().size());
        assertEquals("PRIMARY", d.status());
        assertEquals(DeploymentRolloutState.COMPLETED, d.rolloutState());
        assertEquals(3, d.runningCount());
        assertEquals(3, d.desiredCount());
        assertTrue(d.id().matches("ecs-svc/\\d+"), d.id());
    }

    @Test
    void forceNewDeploymentAddsAnInProgressPrimaryInFrontAndDemotesTheOldOne() {
        ecs.createService("prod", "orders", 2);
        String oldId = describe("orders").deployments().get(0).id();
        clock.advance(Duration.ofMinutes(1));
        var response = ecs.updateService(r -> r.cluster("prod").service("orders").forceNewDeployment(true));

        List<Deployment> deployments = response.service().deployments();
        assertEquals(2, deployments.size());
        Deployment primary = deployments.get(0);
        assertEquals("PRIMARY", primary.status());
        assertEquals(DeploymentRolloutState.IN_PROGRESS, primary.rolloutState());
        assertEquals(0, primary.runningCount());
        assertEquals(2, primary.desiredCount());
        assertEquals(T0.plus(Duration.ofMinutes(1)), primary.createdAt());
        assertEquals(T0.plus(Duration.ofMinutes(1)), primary.updatedAt());
        assertTrue(primary.id().matches("ecs-svc/\\d+") && !primary.id().equals(oldId));
        Deployment old = deployments.get(1);
        assertEquals(oldId, old.id());
        assertEquals("ACTIVE", old.status());
        assertEquals(2, response.service().runningCount(), "old tasks keep running until drained");
        assertEquals(deployments, describe("orders").deployments());
    }

    @Test
    void updateWithoutForceOrNewTaskDefinitionStartsNoDeployment() {
        ecs.createService("prod", "orders", 2);
        ecs.updateService(r -> r.cluster("prod").service("orders").desiredCount(4));
        Service s = describe("orders");
        assertEquals(1, s.deployments().size());
        assertEquals(4, s.desiredCount());
        assertEquals(4, s.deployments().get(0).desiredCount());
    }

    @Test
    void completeRolloutMakesThePrimaryCompletedAndDropsOlderDeployments() {
        ecs.createService("prod", "orders", 2);
        forceNewDeployment("orders");
        String newId = describe("orders").deployments().get(0).id();
        ecs.setRunningCount("prod", "orders", newId, 1);
        assertEquals(3, describe("orders").runningCount());

        clock.advance(Duration.ofMinutes(3));
        ecs.completeRollouts();
        Service s = describe("orders");
        assertEquals(1, s.deployments().size());
        Deployment d = s.deployments().get(0);
        assertEquals(newId, d.id());
        assertEquals(DeploymentRolloutState.COMPLETED, d.rolloutState());
        assertEquals(2, d.runningCount());
        assertEquals(T0.plus(Duration.ofMinutes(3)), d.updatedAt());
        assertEquals(2, s.runningCount());
    }

    @Test
    void classicLoadBalancerServicesHaveNoRolloutState() {
        ecs.createService("prod", "legacy", 2, false);
        assertNull(describe("legacy").deployments().get(0).rolloutState());
        forceNewDeployment("legacy");
        Deployment primary = describe("legacy").deployments().get(0);
        assertNull(primary.rolloutState());
        assertEquals(0, primary.runningCount());
        ecs.completeRollout("prod", "legacy");
        Deployment done = describe("legacy").deployments().get(0);
        assertNull(done.rolloutState());
        assertEquals(done.desiredCount(), done.runningCount());
    }

    @Test
    void describeAcceptsArnsAndReportsUnknownServicesAsMissingFailures() {
        ecs.createService("prod", "orders", 1);
        DescribeServicesResponse r = ecs.describeServices(q -> q
                .cluster(FakeEcs.clusterArn("prod"))
                .services(FakeEcs.serviceArn("prod", "orders"), "ghost"));
        assertEquals(List.of("orders"), r.services().stream().map(Service::serviceName).toList());
        assertEquals(1, r.failures().size());
        assertEquals("MISSING", r.failures().get(0).reason());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:service/prod/ghost", r.failures().get(0).arn());
    }

    @Test
    void describeTakesAtMostTenServices() {
        IntStream.rangeClosed(1, 11).forEach(i -> ecs.createService("prod", "svc" + i, 1));
        List<String> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> "svc" + i).toList();
        assertEquals(10, ecs.describeServices(r -> r.cluster("prod").services(ten)).services().size());
        List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "svc" + i).toList();
        var e = assertThrows(InvalidParameterException.class, () -> ecs.describeServices(r -> r.cluster("prod").services(eleven)));
        assertEquals("InvalidParameterException", e.awsErrorDetails().errorCode());
    }

    @Test
    void unknownClusterAndServiceAreErrors() {
        ecs.createService("prod", "orders", 1);
        assertThrows(ClusterNotFoundException.class, () -> ecs.describeServices(r -> r.cluster("nope").services("orders")));
        assertThrows(ClusterNotFoundException.class, () -> ecs.describeServices(r -> r.services("orders")), "null cluster means 'default'");
        assertThrows(ClusterNotFoundException.class, () -> ecs.updateService(r -> r.cluster("nope").service("orders").forceNewDeployment(true)));
        var e = assertThrows(ServiceNotFoundException.class, () -> forceNewDeployment("ghost"));
        assertEquals("Service not found.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void listenerHearsOfEachNewDeploymentWithTheServiceArn() {
        ecs.createService("prod", "orders", 2);
        List<String> heard = new ArrayList<>();
        ecs.onNewDeployment((serviceArn, d) -> {
            heard.add(serviceArn + " " + d.status() + " " + d.rolloutState());
            ecs.setRunningCount("prod", serviceArn, d.id(), 1); // listeners may call back in
        });
        forceNewDeployment("orders");
        assertEquals(List.of(FakeEcs.serviceArn("prod", "orders") + " PRIMARY IN_PROGRESS"), heard);
        assertEquals(1, ecs.deployments("prod", "orders").get(0).runningCount());
    }

    @Test
    void failNextCallStartsNoDeploymentButFailAfterNextCallDoes() {
        ecs.createService("prod", "orders", 2);
        RuntimeException throttled = new RuntimeException("Rate exceeded");
        ecs.failNextCall("UpdateService", throttled);
        assertSame(throttled, assertThrows(RuntimeException.class, () -> forceNewDeployment("orders")));
        assertEquals(1, ecs.deployments("prod", "orders").size());

        RuntimeException timeout = new RuntimeException("read timed out");
        ecs.failAfterNextCall("UpdateService", timeout);
        assertSame(timeout, assertThrows(RuntimeException.class, () -> forceNewDeployment("orders")));
        assertEquals(2, ecs.deployments("prod", "orders").size());
        assertEquals(List.of("UpdateService", "UpdateService"), ecs.calls());
    }
}
