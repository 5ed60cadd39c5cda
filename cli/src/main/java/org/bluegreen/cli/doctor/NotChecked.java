package org.bluegreen.cli.doctor;

/** A fact a check needs could not be read; the message says why (another check reports it as FAIL). */
public final class NotChecked extends RuntimeException {
    public NotChecked(String reason) {
        super(reason);
    }

    public NotChecked(String reason, Throwable cause) {
        super(reason, cause);
    }
}
