package org.bluegreen.rotator.rotation;

/**
 * The rotation cannot go on: a guard refused, a step's precondition does not hold, or the database said no.
 * The message names what is wrong and what to do; it never contains a secret value.
 */
public class RotationException extends RuntimeException {
    public RotationException(String message) {
        super(message);
    }

    public RotationException(String message, Throwable cause) {
        super(message, cause);
    }
}
