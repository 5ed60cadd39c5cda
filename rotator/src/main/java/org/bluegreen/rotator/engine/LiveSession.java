package org.bluegreen.rotator.engine;

/** {@code count} sessions of a user from one client address ({@code "local"} or {@code "unknown"} when hidden). */
public record LiveSession(String client, int count) {

    @Override
    public String toString() {
        return count + " from " + client;
    }
}
