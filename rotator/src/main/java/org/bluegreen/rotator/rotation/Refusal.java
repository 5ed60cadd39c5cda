package org.bluegreen.rotator.rotation;

/**
 * A guard stopped the step before it changed anything: an expected, safe outcome, told apart from a failure by type
 * and by {@link #reason()}, never by its message.
 */
public final class Refusal extends RotationException {

    /** Why a guard refused. Extend it for new guards; callers switch on it. */
    public enum Reason {
        /** The pointer names this slot: the app uses it now. */
        ACTIVE_SLOT,
        /** A service is not steady, or not redeployed since the pointer changed. */
        NOT_DRAINED,
        /** The slot's user still has database sessions. */
        LIVE_SESSIONS,
        /** A version names another user or host than AWSCURRENT. */
        IDENTITY_CHANGED
    }

    private final Reason reason;

    /** @param problem what the guard found and what to do; the message becomes {@code "refused: " + problem} */
    public Refusal(Reason reason, String problem) {
        super("refused: " + problem);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
