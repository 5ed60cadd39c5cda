package org.bluegreen.rotator.aws;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** The ECS services that run the app: their deployments, and a forced rolling redeploy. */
public final class EcsServices {

    /** DescribeServices takes at most this many services per call. */
    public static final int DESCRIBE_BATCH = 10;

    private final Supplier<EcsClient> client;

    public EcsServices(EcsClient client) {
        this(() -> client);
    }

    /** With a client built on first use: a step that never calls this service never pays for building its client. */
    public EcsServices(Supplier<EcsClient> client) {
        this.client = client;
    }

    /** Describes the services in the given order; a service ECS does not know is an error that names it. */
    public List<ServiceState> describe(String cluster, List<String> services) {
        List<ServiceState> states = new ArrayList<>();
        for (int from = 0; from < services.size(); from += DESCRIBE_BATCH) {
            List<String> batch = services.subList(from, Math.min(services.size(), from + DESCRIBE_BATCH));
            DescribeServicesResponse r;
            try {
                r = client.get().describeServices(b -> b.cluster(cluster).services(batch));
            } catch (ClusterNotFoundException e) {
                throw new AwsStateException("ECS cluster " + quote(cluster) + " does not exist");
            }
            for (Failure f : r.failures()) {
                throw new AwsStateException("ECS service " + quote(f.arn()) + " in cluster " + quote(cluster) + ": " + f.reason());
            }
            for (Service s : r.services()) {
                if ("INACTIVE".equals(s.status())) {
                    throw new AwsStateException("ECS service " + quote(s.serviceName()) + " in cluster " + quote(cluster) + " is INACTIVE");
                }
                states.add(toState(s));
            }
        }
        return states;
    }

    public void forceNewDeployment(String cluster, String service) {
        client.get().updateService(b -> b.cluster(cluster).service(service).forceNewDeployment(true));
    }

    private static ServiceState toState(Service s) {
        List<ServiceState.DeploymentState> deployments = s.deployments().stream()
                .sorted(Comparator.comparing(Deployment::createdAt).reversed())
                .map(d -> new ServiceState.DeploymentState(d.id(), d.status(), d.rolloutStateAsString(),
                        d.createdAt(), nz(d.runningCount()), nz(d.desiredCount())))
                .toList();
        return new ServiceState(s.serviceName(), deployments);
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
