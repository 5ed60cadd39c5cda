package org.bluegreen.testkit.db;

/**
 * A running MySQL-family server (MySQL or MariaDB) that checks passwords, from one of {@link TestServers}' providers:
 * a container, a private server started from binaries, or a server named by the environment. Administration goes
 * through {@link MariaDbServer} scopes, each dropping on close what it made.
 */
public interface MySqlFamilyServer extends AutoCloseable {

    String host();

    int port();

    /** A new administration of this server with its own cleanup; the server keeps running when it is closed. */
    MariaDbServer newScope();

    /** One line for test output: which server, from which provider. */
    String describe();

    /** Stops the server if this JVM started it; a server of someone else's is left running. */
    @Override
    void close();
}
