package org.bluegreen.cli;

/**
 * Something the operator must fix, with a message that names it (which secret, parameter, permission or database)
 * and never a secret value. Printed as one line without a stack trace.
 */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
