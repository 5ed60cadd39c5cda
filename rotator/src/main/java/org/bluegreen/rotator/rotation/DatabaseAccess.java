package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Opens database sessions for the steps and turns driver errors into messages that say where it failed. */
final class DatabaseAccess {

    private final ConnectOptions options;

    DatabaseAccess(ConnectOptions options) {
        this.options = options;
    }

    /** A session and the secret it logged in with (whose password is the one the database holds now). */
    record Session(Connection connection, DbSecret login) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /**
     * Logs in with the first of {@code candidates} whose password the database accepts: after an interrupted
     * rotation the database may hold the pending or previous password rather than the current one.
     *
     * @param labels names of the candidates for the error message (e.g. AWSCURRENT, AWSPREVIOUS)
     */
    Session openFirstThatLogsIn(DatabaseEngine engine, List<DbSecret> candidates, List<String> labels) {
        SQLException last = null;
        for (DbSecret candidate : candidates) {
            try {
                return new Session(engine.connect(candidate, options), candidate);
            } catch (SQLException e) {
                if (!engine.isWrongPassword(e)) {
                    throw failure("cannot connect to " + endpoint(candidate) + " as '" + candidate.username() + "'", e);
                }
                last = e;
            }
        }
        throw failure("none of the passwords in " + String.join(", ", labels) + " logs in to " + endpoint(candidates.get(0))
                + " as '" + candidates.get(0).username() + "'", last);
    }

    Connection open(DatabaseEngine engine, DbSecret login) {
        try {
            return engine.connect(login, options);
        } catch (SQLException e) {
            throw failure("cannot log in to " + endpoint(login) + " as '" + login.username() + "'", e);
        }
    }

    /** True when the secret's password logs in (and a real query runs); false when the password is wrong. */
    boolean logsIn(DatabaseEngine engine, DbSecret login) {
        try (Connection c = engine.connect(login, options)) {
            engine.verifyLogin(c, login.username());
            return true;
        } catch (SQLException e) {
            if (engine.isWrongPassword(e)) {
                return false;
            }
            throw failure("cannot connect to " + endpoint(login) + " as '" + login.username() + "'", e);
        }
    }

    static RotationException failure(String what, SQLException e) {
        String detail = e == null ? "" : ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")";
        return new RotationException(what + detail, e);
    }

    private static String endpoint(DbSecret s) {
        return s.host() + (s.port() == 0 ? "" : ":" + s.port());
    }
}
