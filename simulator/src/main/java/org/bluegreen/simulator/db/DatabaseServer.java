package org.bluegreen.simulator.db;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database server of a run, one implementation per engine family ({@link PostgresServer},
 * {@link MySqlServer}), as the rotator has one {@code DatabaseEngine} per family: where secrets point
 * ({@link #host()}, {@link #port()}, {@link #database()}, {@link #engine()}), how the simulation's users are made
 * and removed, and how an app task logs in. Everything that differs between the families is behind this seam;
 * the rest of the simulator never asks which one it has.
 */
public interface DatabaseServer extends AutoCloseable {

    /**
     * The server a {@code --jdbc-url} names, chosen by its scheme: {@code jdbc:postgresql:} or
     * {@code jdbc:mysql:}/{@code jdbc:mariadb:}.
     *
     * @throws IllegalArgumentException when the URL is of another kind or malformed (a usage error)
     * @throws IllegalStateException    when the server cannot be reached or set up
     */
    static DatabaseServer existing(String jdbcUrl, String adminUser, String adminPassword, boolean tls) {
        if (jdbcUrl.startsWith(PostgresServer.URL_PREFIX)) {
            return PostgresServer.existing(jdbcUrl, adminUser, adminPassword, tls);
        }
        if (MySqlServer.accepts(jdbcUrl)) {
            return MySqlServer.existing(jdbcUrl, adminUser, adminPassword, tls);
        }
        throw new IllegalArgumentException("'" + jdbcUrl + "' is neither a PostgreSQL nor a MySQL/MariaDB JDBC URL"
                + " (expected jdbc:postgresql://host:port/database, jdbc:mysql://host:port/ or jdbc:mariadb://host:port/)");
    }

    String host();

    int port();

    /** The database the secrets name ({@code dbname}). */
    String database();

    /** Whether secrets should ask for TLS ({@code "ssl": true}). */
    boolean tls();

    /** The secrets' {@code engine} field: {@code postgres}, {@code mariadb} or {@code mysql}. */
    String engine();

    /** One line for the console: what server this is. */
    String describe();

    /**
     * Creates a user that logs in with {@code password} and may open {@link #database()}, as an operator sets up
     * the app's users before turning rotation on. {@code name} is lower-case {@code [a-z0-9_]}.
     */
    void createUser(String name, String password) throws SQLException;

    /** Ends the user's sessions (where the administrator may) and drops it. */
    void dropUser(String name) throws SQLException;

    /** Logs in as an app task does: with exactly what its secret says, through the family's usual driver. */
    Connection login(DbSecret secret, String applicationName) throws SQLException;

    /**
     * The server refused the credentials: a wrong password, or a user it no longer accepts. Anything else (server
     * down, too many connections) is a problem of the simulation, not of the rotation.
     */
    boolean isRejectedLogin(SQLException e);

    /** Completes "the server let a user in with a wrong password": the likely cause, and what to do instead. */
    String passwordCheckAdvice();

    /** Stops what this run started or made on the server; safe to call twice (e.g. from a shutdown hook). */
    @Override
    void close();
}
