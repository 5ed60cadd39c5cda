package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.Database;
import org.bluegreen.rotator.engine.DatabaseSession;
import org.bluegreen.rotator.engine.LiveSession;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A database held in memory behind the {@link Database} seam, for fast tests of a step's order: users with passwords
 * (a wrong one is refused as PostgreSQL refuses it, SQLState 28P01), and a record of every login and write. What an
 * engine does on a real server is tested on real servers (engine and scenario tests); this only stands in for it.
 */
final class InMemoryDatabase implements Database {

    private static final String WRONG_PASSWORD = "28P01";

    final Map<String, String> passwords = new HashMap<>();
    /** Every login that got in ("user") and every write ("changePassword user"), in order. */
    final List<String> calls = new ArrayList<>();
    final List<LiveSession> liveSessions = new ArrayList<>();
    final List<String> unsafeToRotate = new ArrayList<>();
    /** Thrown by the next password change, as an engine throws it (e.g. an {@code EngineRefusal}); null: none. */
    SQLException passwordChangeFails;

    InMemoryDatabase withUser(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    List<String> writes() {
        return calls.stream().filter(c -> c.startsWith("changePassword")).toList();
    }

    @Override
    public DatabaseSession open(DbSecret login) throws SQLException {
        if (!login.password().equals(passwords.get(login.username()))) {
            throw new SQLException("password authentication failed for user \"" + login.username() + "\"", WRONG_PASSWORD);
        }
        calls.add("login " + login.username());
        return new Session(login.username());
    }

    @Override
    public boolean isWrongPassword(DbSecret login, SQLException e) {
        return WRONG_PASSWORD.equals(e.getSQLState());
    }

    @Override
    public boolean isTlsFailure(DbSecret login, SQLException e) {
        return false;
    }

    @Override
    public ConnectOptions options() {
        return ConnectOptions.defaults();
    }

    private final class Session implements DatabaseSession {
        private final String user;

        Session(String user) {
            this.user = user;
        }

        @Override
        public void changePassword(String username, String newPassword) throws SQLException {
            change(username, newPassword);
        }

        @Override
        public void changeOwnPassword(DbSecret login, String newPassword) throws SQLException {
            change(user, newPassword);
        }

        private void change(String username, String newPassword) throws SQLException {
            if (passwordChangeFails != null) {
                throw passwordChangeFails;
            }
            calls.add("changePassword " + username);
            passwords.put(username, newPassword);
        }

        @Override
        public Optional<String> whyAdminCannotChangePassword(String username) {
            return Optional.empty();
        }

        @Override
        public Optional<String> plaintextPasswordChange(String username) {
            return Optional.empty();
        }

        @Override
        public List<LiveSession> liveSessions(String username) {
            return List.copyOf(liveSessions);
        }

        @Override
        public void verifyLogin(String username) {
        }

        @Override
        public List<String> unsafeToRotate(String username) {
            return List.copyOf(unsafeToRotate);
        }

        @Override
        public String account(String username) {
            throw new UnsupportedOperationException("an in-memory session has no catalog");
        }

        @Override
        public List<Row> rows(String sql, Object... params) {
            throw new UnsupportedOperationException("an in-memory session has no catalog");
        }

        @Override
        public void close() {
        }
    }
}
