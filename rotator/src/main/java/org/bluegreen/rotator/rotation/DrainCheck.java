package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.engine.LiveSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Proves that nothing still uses the slot about to rotate: every service steady, and redeployed after the pointer
 * last changed (so every task started after the pointer moved away from this slot); and no live database
 * sessions of the user. Public so that the operator CLI's doctor applies the very same rule before a rotation does.
 */
public final class DrainCheck {

    private DrainCheck() {
    }

    /** What is still running on the slot, one line per service; empty when all are drained. */
    public static List<String> servicesProblems(List<ServiceState> services, PointerState pointer) {
        List<String> problems = new ArrayList<>();
        for (ServiceState s : services) {
            if (!s.isSteady()) {
                problems.add("service " + quote(s.name()) + " is not steady: " + s.summary());
                continue;
            }
            if (!s.redeployedSince(pointer)) {
                problems.add("service " + quote(s.name()) + " has not been redeployed since pointer " + quote(pointer.name())
                        + " changed at " + pointer.lastModified() + " (newest deployment "
                        + s.newestDeploymentAt().orElse(Instant.EPOCH)
                        + "): its tasks may still use this slot; force a new deployment and retry");
            }
        }
        return problems;
    }

    public static String sessionsProblem(String username, List<LiveSession> sessions) {
        int total = sessions.stream().mapToInt(LiveSession::count).sum();
        return "user " + quote(username) + " still has " + total + " live database session" + (total == 1 ? "" : "s")
                + " (" + String.join(", ", sessions.stream().map(LiveSession::toString).toList()) + ")";
    }
}
