package org.bluegreen.rotator.rotation;

import java.util.Optional;

/**
 * How one step ended. Every text in it is already redacted: it can be logged, shown and thrown as it is.
 */
public sealed interface StepOutcome {

    /** The secret, app and slot, as far as the step got to know them. */
    StepSubject subject();

    /** The secret's name when the step got far enough to read it, else the id from the event. */
    default String secret() {
        return subject().secret();
    }

    /** What happened, in one line. */
    String message();

    /** What a successful step did, or found done: callers (log, metrics, CLI, tests) switch on it, never on text. */
    enum Result {
        /** createSecret stored a new password as AWSPENDING. */
        PENDING_CREATED,
        /** createSecret found this rotation's AWSPENDING value stored already (a retry). */
        PENDING_EXISTED,
        /** setSecret changed the password, logged in as the admin from {@code masterarn}. */
        PASSWORD_SET_BY_ADMIN,
        /** setSecret changed the password, logged in as the user itself (self-service). */
        PASSWORD_SET_BY_USER,
        /** setSecret found the pending password logging in already (a retry). */
        ALREADY_SET,
        /** testSecret logged in with the pending password. */
        PENDING_LOGS_IN,
        /** testSecret tested the configuration only (RotateImmediately=false): nothing rotated, nothing written. */
        CONFIGURATION_TESTED,
        /** finishSecret made this version AWSCURRENT and this slot the active one, and redeployed what needed it. */
        ACTIVATED,
        /** createSecret, setSecret or testSecret of a version that is AWSCURRENT already (a retry): nothing to do. */
        ALREADY_CURRENT,
        /** A late finishSecret retry after the other slot rotated: pointer, active secret and services left alone. */
        SUPERSEDED
    }

    /** The step did its work (or found it done): {@code result} says which, {@code message} says it in a sentence. */
    record Succeeded(StepSubject subject, Result result, String message) implements StepOutcome {

        public String slot() {
            return subject.slot();
        }
    }

    /** A guard stopped the step before any change: safe, and a later attempt may pass. */
    record Refused(StepSubject subject, Refusal.Reason reason, String message) implements StepOutcome {
    }

    /**
     * The step could not complete: bad input, an AWS or database error, a precondition that does not hold.
     *
     * @param errorClass the exception's class name; {@code sqlState} and {@code vendorCode} are null unless a database
     *                   error caused it
     */
    record Failed(StepSubject subject, String errorClass, String message, String sqlState, Integer vendorCode)
            implements StepOutcome {
    }

    /** The refusal's reason, for a caller that only asks "refused, and why?". */
    default Optional<Refusal.Reason> refusal() {
        return this instanceof Refused r ? Optional.of(r.reason()) : Optional.empty();
    }
}
