package org.bluegreen.rotator.secret;

/**
 * A secret value that cannot be used. The message names the secret and the field that is wrong,
 * never a value: a value may be a password.
 */
public final class InvalidSecretException extends RuntimeException {
    public InvalidSecretException(String message) {
        super(message);
    }
}
