package org.bluegreen.rotator.aws;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An ECS service as the drain check and the redeploy see it. Deployments are newest first. */
public record ServiceState(String name, List<DeploymentState> deployments) {

    public record DeploymentState(String id, String status, String rolloutState, Instant createdAt,
                                  int runningCount, int desiredCount) {
    }

    /** One deployment whose rollout completed, or (no rollout state, e.g. a Classic Load Balancer) that runs all its tasks. */
    public boolean isSteady() {
        if (deployments.size() != 1) {
            return false;
        }
        DeploymentState d = deployments.get(0);
        return d.rolloutState() == null ? d.runningCount() == d.desiredCount() : d.rolloutState().equals("COMPLETED");
    }

    public Optional<Instant> newestDeploymentAt() {
        return deployments.stream().map(DeploymentState::createdAt).max(Instant::compareTo);
    }

    /**
     * True when a deployment started at or after the pointer last changed: every task of it read the pointer's
     * current value, so none still uses the slot the pointer moved away from.
     */
    public boolean redeployedSince(PointerState pointer) {
        return !newestDeploymentAt().orElse(Instant.EPOCH).isBefore(pointer.lastModified());
    }

    /** The service's rollout in a few words, for messages (the ECS call is {@link EcsServices#describe}). */
    public String summary() {
        if (deployments.size() != 1) {
            return deployments.size() + " deployments (a rollout is in progress)";
        }
        DeploymentState d = deployments.get(0);
        return "rollout " + (d.rolloutState() == null ? "state unknown" : d.rolloutState())
                + ", " + d.runningCount() + " of " + d.desiredCount() + " tasks running";
    }
}
