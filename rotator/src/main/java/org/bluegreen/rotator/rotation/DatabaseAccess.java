package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.Database;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.DatabaseSession;
import org.bluegreen.rotator.engine.EngineRefusal;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Opens database sessions with a secret through the {@link Database} seam (TLS unless the secret says
 * {@code "ssl": false}; never a silent plaintext fallback), tells a wrong password from an unreachable server, and
 * turns driver errors into messages that say where it failed. Shared by the rotation and the operator CLI.
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

    private final Database database;

    /** The real database, over JDBC. */
    public DatabaseAccess(ConnectOptions options) {
        this(Database.jdbc(options));
    }

    public DatabaseAccess(Database database) {
        this.database = database;
    }

    public ConnectOptions options() {
        return database.options();
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
        return database.isWrongPassword(login, e) ? new Attempt(Outcome.WRONG_PASSWORD, detail(e), false)
                : new Attempt(Outcome.ERROR, detail(e), database.isTlsFailure(login, e));
    }

    /** True when the secret's password logs in (and a real query runs); false when the password is wrong. */
    public boolean logsIn(DbSecret login) {
        SQLException e = tryLogin(login);
        if (e != null && !database.isWrongPassword(login, e)) {
            throw failure("cannot connect to " + address(login) + " as " + quote(login.username()), e);
        }
        return e == null;
    }

    /** Null when the login works, else why not. */
    private SQLException tryLogin(DbSecret login) {
        try (DatabaseSession s = database.open(login)) {
            s.verifyLogin(login.username());
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    public DatabaseSession open(Login login) {
        DbSecret s = login.secret();
        try {
            return database.open(s);
        } catch (SQLException e) {
            throw failure("cannot log in to " + address(s) + " as " + quote(s.username()), e);
        }
    }

    /** A session and the login it was opened with, whose password is the one the database holds now. */
    public record Session(DatabaseSession session, Login login) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            session.close();
        }
    }

    /**
     * Logs in with the first of {@code candidates} whose password the database accepts (see {@link Login#privileged}),
     * saying which one did (MySQL demands its password back); any other error stops at once.
     */
    public Session sessionOfFirstThatLogsIn(List<Login> candidates) {
        SQLException last = null;
        for (Login candidate : candidates) {
            DbSecret s = candidate.secret();
            try {
                return new Session(database.open(s), candidate);
            } catch (SQLException e) {
                if (!database.isWrongPassword(s, e)) {
                    throw failure("cannot connect to " + address(s) + " as " + quote(s.username()), e);
                }
                last = e;
            }
        }
        DbSecret first = candidates.get(0).secret();
        throw failure("none of the passwords in " + String.join(", ", candidates.stream().map(Login::label).toList())
                + " logs in to " + address(first) + " as " + quote(first.username()), last);
    }

    /** A database error as the step's outcome: a failure, or a {@link Refusal} where the engine refused (changing nothing). */
    static RotationException failure(String what, SQLException e) {
        if (e instanceof EngineRefusal refusal) {
            Refusal r = new Refusal(Refusal.of(refusal.reason()), what + ": " + e.getMessage());
            r.initCause(e);
            return r;
        }
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
