package org.bluegreen.simulator.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The PostgreSQL server the simulated app and the rotation log in to: where secrets point ({@link #host()},
 * {@link #port()}, {@link #database()}), and an administrator connection for setting up and removing the
 * simulation's roles.
 */
public interface DatabaseServer extends AutoCloseable {

    String host();

    int port();

    String database();

    /** Whether secrets should ask for TLS ({@code "ssl": true}). */
    boolean tls();

    Connection adminConnection() throws SQLException;

    /** One line for the console: what server this is. */
    String describe();

    @Override
    void close();
}
