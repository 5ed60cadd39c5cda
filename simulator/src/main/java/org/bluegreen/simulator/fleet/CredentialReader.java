package org.bluegreen.simulator.fleet;

/** The container entrypoint's one read at start: pointer, then that slot's AWSCURRENT secret. */
@FunctionalInterface
public interface CredentialReader {
    Credentials read();
}
