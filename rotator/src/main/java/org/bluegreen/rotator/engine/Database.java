package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;

/**
 * The one seam between the rotation and a database server: logs in with a secret and hands back a
 * {@link DatabaseSession}. {@link #jdbc} is the real one (the engine the secret names, over JDBC); a fast test gives the
 * rotation an in-memory one.
 */
public interface Database {

    /**
     * Logs in as {@code login.username()} at the secret's endpoint, with TLS unless the secret says {@code "ssl": false},
     * never falling back to plaintext.
     */
    DatabaseSession open(DbSecret login) throws SQLException;

    /** True when {@code e}, from logging in with {@code login}, says the password was wrong (not: unreachable). */
    boolean isWrongPassword(DbSecret login, SQLException e);

    /** True when logging in with {@code login} failed in TLS. */
    boolean isTlsFailure(DbSecret login, SQLException e);

    /** How sessions are opened (the CA bundle trusted for TLS). */
    ConnectOptions options();

    /** The real database: each secret's engine ({@link Engines#forName}) over JDBC. */
    static Database jdbc(ConnectOptions options) {
        return new JdbcDatabase(options);
    }
}
