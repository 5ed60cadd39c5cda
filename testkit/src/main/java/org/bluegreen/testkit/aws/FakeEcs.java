package org.bluegreen.testkit.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/**
 * In-memory ECS with rolling-update (ECS controller) Fargate services: {@code DescribeServices} and
 * {@code UpdateService}. Nothing runs tasks by itself: tests or the simulator move deployments on
 * with {@link #setRunningCount}, {@link #completeRollout} and {@link #completeRollouts}.
 *
 * <p>{@code UpdateService} with {@code forceNewDeployment=true} (or a different task definition)
 * adds a PRIMARY deployment ({@code rolloutState IN_PROGRESS}, 0 running) in front of the previous
 * ones, which become ACTIVE. Services created with {@code rolloutStateTracked=false} (e.g. behind a
 * Classic Load Balancer) report no {@code rolloutState}; they are steady when their single
 * deployment runs its desired count.
 *
 * <p>Clusters and services may be named or given by ARN ({@code
 * arn:aws:ecs:us-east-1:123456789012:service/CLUSTER/NAME}); a null cluster means {@code default}.
 *
 * <pre>{@code
 * FakeEcs ecs = new FakeEcs(clock);
 * ecs.createService("prod", "orders", 3);
 * ecs.onNewDeployment((serviceArn, d) -> simulator.replaceTasks(serviceArn, d.id()));
 * }</pre>
 */
public final class FakeEcs extends FakeAwsService implements EcsClient {
    /** DescribeServices accepts at most this many services per call. */
    public static final int MAX_DESCRIBE_SERVICES = 10;

    private static final class Dep {
        final String id;
        final String taskDefinition;
        final Instant createdAt;
        String status = "PRIMARY";
        int desired;
        int running;
        Instant updatedAt;
        DeploymentRolloutState rolloutState;

        Dep(String id, String taskDefinition, int desired, Instant now) {
            this.id = id;
            this.taskDefinition = taskDefinition;
            this.desired = desired;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    private static final class Svc {
        final String cluster;
        final String name;
        final boolean rolloutStateTracked;
        final Instant createdAt;
        int desired;
        /** Newest first, as DescribeServices lists them; the first is the PRIMARY one. */
        final LinkedList<Dep> deployments = new LinkedList<>();

        Svc(String cluster, String name, int desired, boolean rolloutStateTracked, Instant createdAt) {
            this.cluster = cluster;
            this.name = name;
            this.desired = desired;
            this.rolloutStateTracked = rolloutStateTracked;
            this.createdAt = createdAt;
        }

        Dep primary() {
            return deployments.getFirst();
        }
    }

    private final Map<String, Map<String, Svc>> clusters = new LinkedHashMap<>();
    private final List<BiConsumer<String, Deployment>> deploymentListeners = new CopyOnWriteArrayList<>();
    private long deploymentSequence = 1_000_000_000_000_000_000L;

    public FakeEcs(Clock clock) {
        super(clock, "Ecs");
    }

    // ---------------------------------------------------------------- test and simulator control

    /** Creates a steady service (one COMPLETED PRIMARY deployment running {@code desiredCount} tasks). */
    public Service createService(String cluster, String serviceName, int desiredCount) {
        return createService(cluster, serviceName, desiredCount, true);
    }

    /**
     * Creates a steady service, creating the cluster if needed. With {@code rolloutStateTracked=false}
     * its deployments carry no {@code rolloutState}, like a service behind a Classic Load Balancer.
     * Not recorded as a call.
     */
    public synchronized Service createService(String cluster, String serviceName, int desiredCount, boolean rolloutStateTracked) {
        Map<String, Svc> services = clusters.computeIfAbsent(cluster, k -> new LinkedHashMap<>());
        if (services.containsKey(serviceName)) {
            throw new IllegalStateException("service " + serviceName + " already exists in cluster " + cluster);
        }
        Svc svc = new Svc(cluster, serviceName, desiredCount, rolloutStateTracked, now());
        Dep dep = new Dep(nextDeploymentId(), taskDefinitionArn(serviceName, 1), desiredCount, now());
        dep.running = desiredCount;
        dep.rolloutState = rolloutStateTracked ? DeploymentRolloutState.COMPLETED : null;
        svc.deployments.add(dep);
        services.put(serviceName, svc);
        return toSdk(svc);
    }

    /**
     * Registers a listener told about every deployment {@code UpdateService} starts, with the service
     * ARN (accepted wherever this class takes a service). It runs synchronously inside UpdateService,
     * on the caller's thread, while the fake is locked: it may call back into this fake but must not
     * wait for other threads that do.
     */
    public void onNewDeployment(BiConsumer<String, Deployment> listener) {
        deploymentListeners.add(listener);
    }

    /** The service's deployments, newest (PRIMARY) first. Not recorded as a call. */
    public synchronized List<Deployment> deployments(String cluster, String service) {
        return requireService(cluster, service).deployments.stream().map(d -> toSdk(d)).toList();
    }

    /** Sets how many tasks of one deployment run (e.g. while the simulator replaces tasks). */
    public synchronized void setRunningCount(String cluster, String service, String deploymentId, int running) {
        Dep dep = requireService(cluster, service).deployments.stream()
                .filter(d -> d.id.equals(deploymentId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no deployment " + deploymentId + " in " + service));
        dep.running = running;
        dep.updatedAt = now();
    }

    /**
     * Finishes the service's rollout as ECS does once it is steady: the PRIMARY deployment runs its
     * desired count and is COMPLETED (if rollout state is tracked); older deployments are gone.
     */
    public synchronized void completeRollout(String cluster, String service) {
        complete(requireService(cluster, service));
    }

    /** {@link #completeRollout} for every service of every cluster. */
    public synchronized void completeRollouts() {
        clusters.values().forEach(services -> services.values().forEach(this::complete));
    }

    private void complete(Svc svc) {
        Dep primary = svc.primary();
        svc.deployments.removeIf(d -> d != primary);
        primary.running = primary.desired;
        primary.updatedAt = now();
        if (svc.rolloutStateTracked) {
            primary.rolloutState = DeploymentRolloutState.COMPLETED;
        }
    }

    // ---------------------------------------------------------------- API operations

    @Override
    public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        return call("DescribeServices", () -> {
            String cluster = clusterName(request.cluster());
            Map<String, Svc> services = requireCluster(cluster);
            if (request.services().size() > MAX_DESCRIBE_SERVICES) {
                throw error(InvalidParameterException.builder(), "InvalidParameterException",
                        "The services parameter can contain at most " + MAX_DESCRIBE_SERVICES + " items.");
            }
            List<Service> found = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (String id : request.services()) {
                Svc svc = services.get(lastSegment(id));
                if (svc == null) {
                    // Unknown services are reported, not thrown, so one bad name doesn't hide the others.
                    failures.add(Failure.builder().arn(serviceArn(cluster, lastSegment(id))).reason("MISSING").build());
                } else {
                    found.add(toSdk(svc));
                }
            }
            return DescribeServicesResponse.builder().services(found).failures(failures).build();
        });
    }

    @Override
    public UpdateServiceResponse updateService(UpdateServiceRequest request) {
        return call("UpdateService", () -> {
            Svc svc = requireService(request.cluster(), request.service());
            if (request.desiredCount() != null) {
                if (request.desiredCount() < 0) {
                    throw error(InvalidParameterException.builder(), "InvalidParameterException",
                            "Desired count must be greater than or equal to 0.");
                }
                svc.desired = request.desiredCount();
                svc.primary().desired = svc.desired;
            }
            String taskDefinition = request.taskDefinition() != null ? request.taskDefinition() : svc.primary().taskDefinition;
            if (Boolean.TRUE.equals(request.forceNewDeployment()) || !taskDefinition.equals(svc.primary().taskDefinition)) {
                startDeployment(svc, taskDefinition);
            }
            return UpdateServiceResponse.builder().service(toSdk(svc)).build();
        });
    }

    private void startDeployment(Svc svc, String taskDefinition) {
        svc.primary().status = "ACTIVE";
        Dep dep = new Dep(nextDeploymentId(), taskDefinition, svc.desired, now());
        dep.rolloutState = svc.rolloutStateTracked ? DeploymentRolloutState.IN_PROGRESS : null;
        svc.deployments.addFirst(dep);
        Deployment view = toSdk(dep);
        String arn = serviceArn(svc.cluster, svc.name);
        deploymentListeners.forEach(l -> l.accept(arn, view));
    }

    // ---------------------------------------------------------------- lookups and views

    private Map<String, Svc> requireCluster(String cluster) {
        Map<String, Svc> services = clusters.get(cluster);
        if (services == null) {
            throw error(ClusterNotFoundException.builder(), "ClusterNotFoundException", "Cluster not found.");
        }
        return services;
    }

    private Svc requireService(String cluster, String service) {
        Svc svc = requireCluster(clusterName(cluster)).get(lastSegment(service));
        if (svc == null) {
            throw error(ServiceNotFoundException.builder(), "ServiceNotFoundException", "Service not found.");
        }
        return svc;
    }

    private static String clusterName(String cluster) {
        return cluster == null ? "default" : lastSegment(cluster);
    }

    /** Name part of a name or ARN (ARNs end in ".../NAME"). */
    private static String lastSegment(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    public static String clusterArn(String cluster) {
        return "arn:aws:ecs:" + REGION + ":" + ACCOUNT_ID + ":cluster/" + cluster;
    }

    public static String serviceArn(String cluster, String service) {
        return "arn:aws:ecs:" + REGION + ":" + ACCOUNT_ID + ":service/" + cluster + "/" + service;
    }

    private static String taskDefinitionArn(String family, int revision) {
        return "arn:aws:ecs:" + REGION + ":" + ACCOUNT_ID + ":task-definition/" + family + ":" + revision;
    }

    private String nextDeploymentId() {
        return "ecs-svc/" + (++deploymentSequence);
    }

    private Service toSdk(Svc svc) {
        return Service.builder()
                .serviceArn(serviceArn(svc.cluster, svc.name))
                .serviceName(svc.name)
                .clusterArn(clusterArn(svc.cluster))
                .status("ACTIVE")
                .desiredCount(svc.desired)
                .runningCount(svc.deployments.stream().mapToInt(d -> d.running).sum())
                .pendingCount(0)
                .launchType(LaunchType.FARGATE)
                .taskDefinition(svc.primary().taskDefinition)
                .deployments(svc.deployments.stream().map(d -> toSdk(d)).toList())
                .createdAt(svc.createdAt)
                .schedulingStrategy(SchedulingStrategy.REPLICA)
                .deploymentController(c -> c.type(DeploymentControllerType.ECS))
                .build();
    }

    private static Deployment toSdk(Dep dep) {
        return Deployment.builder()
                .id(dep.id)
                .status(dep.status)
                .taskDefinition(dep.taskDefinition)
                .desiredCount(dep.desired)
                .runningCount(dep.running)
                .pendingCount(0)
                .failedTasks(0)
                .createdAt(dep.createdAt)
                .updatedAt(dep.updatedAt)
                .launchType(LaunchType.FARGATE)
                .rolloutState(dep.rolloutState)
                .rolloutStateReason(dep.rolloutState == null ? null
                        : dep.rolloutState == DeploymentRolloutState.COMPLETED
                                ? "ECS deployment " + dep.id + " completed."
                                : "ECS deployment " + dep.id + " in progress.")
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
