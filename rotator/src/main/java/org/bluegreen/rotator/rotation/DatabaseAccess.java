package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Opens database sessions with a secret through its engine (TLS unless the secret says {@code "ssl": false}; never a
 * silent plaintext fallback), tells a wrong password from an unreachable server, and turns driver errors into
 * messages that say where it failed. Shared by the rotation and the operator CLI.
 */
public final class DatabaseAccess {

    public enum Outcome { LOGGED_IN, WRONG_PASSWORD, ERROR }

    /**
     * How one login went; {@code detail} is the driver's message and SQLState (it never quotes a password);
     * {@code tlsFailure} says an ERROR happened in TLS.
     */
    public record Attempt(Outcome outcome, String detail, boolean tlsFailure) {
        public boolean loggedIn() {
            return outcome == Outcome.LOGGED_IN;
        }
    }

    private final ConnectOptions options;

    public DatabaseAccess(ConnectOptions options) {
        this.options = options;
    }

    public ConnectOptions options() {
        return options;
    }

    public static DatabaseEngine engine(DbSecret secret) {
        return Engines.forName(secret.engine());
    }

    /** Connects, runs a real query as the secret's user, and disconnects. */
    public Attempt attempt(DbSecret login) {
        SQLException e = tryLogin(login);
        if (e == null) {
            return new Attempt(Outcome.LOGGED_IN, "logged in", false);
        }
        DatabaseEngine engine = engine(login);
        return engine.isWrongPassword(e) ? new Attempt(Outcome.WRONG_PASSWORD, detail(e), false)
                : new Attempt(Outcome.ERROR, detail(e), engine.isTlsFailure(e));
    }

    /** True when the secret's password logs in (and a real query runs); false when the password is wrong. */
    public boolean logsIn(DbSecret login) {
        SQLException e = tryLogin(login);
        if (e != null && !engine(login).isWrongPassword(e)) {
            throw failure("cannot connect to " + address(login) + " as " + quote(login.username()), e);
        }
        return e == null;
    }

    /** Null when the login works, else why not. */
    private SQLException tryLogin(DbSecret login) {
        DatabaseEngine engine = engine(login);
        try (Connection c = engine.connect(login, options)) {
            engine.verifyLogin(c, login.username());
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    public Connection open(Login login) {
        DbSecret s = login.secret();
        try {
            return engine(s).connect(s, options);
        } catch (SQLException e) {
            throw failure("cannot log in to " + address(s) + " as " + quote(s.username()), e);
        }
    }

    /**
     * Logs in with the first of {@code candidates} whose password the database accepts (see
     * {@link Login#privileged}); any other error stops at once.
     */
    public Connection openFirstThatLogsIn(List<Login> candidates) {
        return sessionOfFirstThatLogsIn(candidates).connection();
    }

    /** A session and the login it was opened with, whose password is the one the database holds now. */
    public record Session(Connection connection, Login login) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** As {@link #openFirstThatLogsIn}, saying which candidate logged in (MySQL demands its password back). */
    public Session sessionOfFirstThatLogsIn(List<Login> candidates) {
        SQLException last = null;
        for (Login candidate : candidates) {
            DbSecret s = candidate.secret();
            DatabaseEngine engine = engine(s);
            try {
                return new Session(engine.connect(s, options), candidate);
            } catch (SQLException e) {
                if (!engine.isWrongPassword(e)) {
                    throw failure("cannot connect to " + address(s) + " as " + quote(s.username()), e);
                }
                last = e;
            }
        }
        DbSecret first = candidates.get(0).secret();
        throw failure("none of the passwords in " + String.join(", ", candidates.stream().map(Login::label).toList())
                + " logs in to " + address(first) + " as " + quote(first.username()), last);
    }

    static RotationException failure(String what, SQLException e) {
        return new RotationException(what + (e == null ? "" : ": " + detail(e)), e);
    }

    /** {@code 'host:port/dbname'}, quoted and escaped for messages (the host and database come from the secret). */
    public static String endpoint(DbSecret s) {
        return quote(endpointValue(s));
    }

    /** {@code host:port/dbname} as the secret gives it, for data (a JSON field) and comparison, never a message. */
    public static String endpointValue(DbSecret s) {
        return s.host() + (s.port() == 0 ? "" : ":" + s.port()) + (s.dbname() == null ? "" : "/" + s.dbname());
    }

    /** True when two secrets reach the same database, so one session can read both users' rights. */
    public static boolean sameDatabase(DbSecret a, DbSecret b) {
        return endpointValue(a).equals(endpointValue(b)) && a.engine().equals(b.engine());
    }

    private static String address(DbSecret s) {
        return quote(s.host() + (s.port() == 0 ? "" : ":" + s.port()));
    }

    private static String detail(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }
}
