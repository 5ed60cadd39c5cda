package org.bluegreen.cli.pair;

import org.bluegreen.cli.CliException;
import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Logs in to the database with a secret through the rotator's engines (TLS unless the secret says
 * {@code "ssl": false}; never a silent plaintext fallback) and tells a wrong password from an unreachable server.
 */
public final class DatabaseLogin {

    public enum Outcome { LOGGED_IN, WRONG_PASSWORD, ERROR }

    /** How one login went; {@code detail} is the driver's message and SQLState (it never quotes a password). */
    public record Attempt(Outcome outcome, String detail) {
        public boolean loggedIn() {
            return outcome == Outcome.LOGGED_IN;
        }
    }

    private final ConnectOptions options;

    public DatabaseLogin(ConnectOptions options) {
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
        DatabaseEngine engine = engine(login);
        try (Connection c = engine.connect(login, options)) {
            engine.verifyLogin(c, login.username());
            return new Attempt(Outcome.LOGGED_IN, "logged in");
        } catch (SQLException e) {
            return new Attempt(engine.isWrongPassword(e) ? Outcome.WRONG_PASSWORD : Outcome.ERROR, detail(e));
        }
    }

    /** A session for reading the catalog: the first candidate that logs in. */
    public Connection openFirst(List<DbSecret> candidates) {
        CliException last = null;
        for (DbSecret login : candidates) {
            try {
                return engine(login).connect(login, options);
            } catch (SQLException e) {
                last = new CliException("cannot log in to " + endpoint(login) + " as '" + login.username() + "': " + detail(e), e);
            }
        }
        throw last != null ? last : new CliException("no login to try");
    }

    /** {@code host:port/dbname}, for messages. */
    public static String endpoint(DbSecret s) {
        return s.host() + (s.port() == 0 ? "" : ":" + s.port()) + (s.dbname() == null ? "" : "/" + s.dbname());
    }

    /** True when two secrets reach the same database, so one session can read both users' rights. */
    public static boolean sameDatabase(DbSecret a, DbSecret b) {
        return endpoint(a).equals(endpoint(b)) && a.engine().equals(b.engine());
    }

    static String detail(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }
}
