package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.engine.LiveSession;

import java.util.ArrayList;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** Refuses to touch the user the app is serving with: only the slot the pointer does not name may rotate. */
public final class ActiveSlotGuard {

    private ActiveSlotGuard() {
    }

    public static void check(PointerState pointer, String slot, String secretName) {
        if (pointer.slot().equals(slot)) {
            throw new Refusal(Refusal.Reason.ACTIVE_SLOT, "secret " + quote(secretName) + " is slot " + quote(slot)
                    + ", which pointer " + quote(pointer.name()) + " names as the one the app uses now; rotate the other slot"
                    + " (this one rotates after the pointer has moved away from it)");
        }
    }

    /**
     * The looser rule for setting a slot user's password to its secret's AWSCURRENT (the CLI's {@code bootstrap}):
     * the slot the pointer names may be set only while nothing can be running on it, so that no running task loses
     * its logins and a forged AWSCURRENT never becomes the live user's password. Running on it means: a service was
     * deployed after the pointer last changed (its tasks read this slot's secret, as the drain check counts them,
     * {@link ServiceState#redeployedSince}), or the user has database sessions. On day one neither holds: the stack
     * has just written the pointer, and nothing logs in as a user that has no password yet.
     */
    public static void checkNotServing(PointerState pointer, String slot, String secretName, List<ServiceState> services,
                                       List<LiveSession> sessions, String username) {
        if (!pointer.slot().equals(slot)) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        services.stream().filter(s -> s.redeployedSince(pointer)).forEach(s -> evidence.add("service " + quote(s.name())
                + " was deployed after the pointer last changed (" + pointer.lastModified() + ")"));
        if (!sessions.isEmpty()) {
            evidence.add(DrainCheck.sessionsProblem(username, sessions));
        }
        if (!evidence.isEmpty()) {
            throw new Refusal(Refusal.Reason.ACTIVE_SLOT, "secret " + quote(secretName) + " is slot " + quote(slot) + ", which pointer "
                    + quote(pointer.name()) + " names, and the app may run on it: " + String.join("; ", evidence) + "; setting "
                    + quote(username) + " to AWSCURRENT would end the running tasks' logins, so it is never done for the live"
                    + " slot (docs/cli.md, bootstrap)");
        }
    }
}
