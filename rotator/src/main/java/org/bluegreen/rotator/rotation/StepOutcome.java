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

    /** The step did its work (or found it done). */
    record Succeeded(StepSubject subject, String message) implements StepOutcome {

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
