package org.bluegreen.simulator.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * One ECS task of the app. It read its credentials once, at start, and keeps them for life, like a container
 * that gets its password from its entrypoint. It holds one database session open (its pool's idle connection,
 * which the rotator's live-session check sees) and opens new ones at a steady rate.
 */
public final class AppTask {

    private final int serial;
    private final String deploymentId;
    private final Instant startedAt;
    private final Credentials credentials;
    private AutoCloseable heldSession;
    private Instant stoppedAt;
    private boolean draining;
    private Instant staleSince;

    AppTask(int serial, String deploymentId, Instant startedAt, Credentials credentials) {
        this.serial = serial;
        this.deploymentId = deploymentId;
        this.startedAt = startedAt;
        this.credentials = credentials;
    }

    public int serial() {
        return serial;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String slot() {
        return credentials.slot();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** When the task stopped, or null while it runs. */
    public Instant stoppedAt() {
        return stoppedAt;
    }

    public boolean running() {
        return stoppedAt == null;
    }

    public boolean draining() {
        return draining;
    }

    void markDraining() {
        draining = true;
    }

    boolean holdsSession() {
        return heldSession != null;
    }

    void hold(AutoCloseable session) {
        heldSession = session;
    }

    /** Since when the database rejects this task's password, or null while it is valid. */
    public Instant staleSince() {
        return staleSince;
    }

    void markStale(Instant since) {
        if (staleSince == null) {
            staleSince = since;
        }
    }

    /** How long this task has held a password the database rejects, up to {@code until} or its stop. */
    public Duration staleTime(Instant until) {
        if (staleSince == null) {
            return Duration.ZERO;
        }
        Instant end = stoppedAt != null ? stoppedAt : until;
        return end.isAfter(staleSince) ? Duration.between(staleSince, end) : Duration.ZERO;
    }

    void stop(Instant at) {
        stoppedAt = at;
        closeSession();
    }

    void closeSession() {
        if (heldSession != null) {
            closeQuietly(heldSession);
            heldSession = null;
        }
    }

    static void closeQuietly(AutoCloseable session) {
        try {
            session.close();
        } catch (Exception ignored) {
            // the server may have gone already; nothing to keep
        }
    }

    @Override
    public String toString() {
        return "task#" + serial + "(" + slot() + ")";
    }
}
