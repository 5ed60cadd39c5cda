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
        IDENTITY_CHANGED,
        /** The secret is not a configured slot of a blue/green pair (its tags and its peer's do not make one). */
        NOT_A_SLOT,
        /** A version names a user the rotation must never change: the admin's, the other slot's, one not pinned, one with admin power or no login, a name the engine would alter. */
        PROTECTED_USER,
        /** A password would go to an endpoint nothing trusted names (not pinned, not the admin secret's own, an engine of another family than DB_ENGINE). */
        UNTRUSTED_ENDPOINT,
        /** The admin secret ({@code masterarn}) is one of the pair's own slot secrets, or not the stack's MASTER_SECRET_ARN. */
        UNTRUSTED_ADMIN,
        /** finishSecret would move the pointer to an AWSCURRENT version whose password does not log in. */
        UNTESTED_CREDENTIALS,
        /** The slot's secret holds no connection fields yet (the stack made it with a password only): bootstrap first. */
        NOT_BOOTSTRAPPED
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
