package org.bluegreen.simulator.fleet;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;

/** How a task logs in; the simulation uses real JDBC ({@link JdbcLoginClient}), unit tests a stand-in. */
@FunctionalInterface
public interface LoginClient {

    /**
     * Logs in with {@code secret} and proves the session works; returns the open session.
     *
     * @throws LoginRejectedException when the server refused the credentials (the failure the simulation counts)
     * @throws SQLException            for anything else (server unreachable, too many connections)
     */
    AutoCloseable login(DbSecret secret, String applicationName) throws SQLException;
}
