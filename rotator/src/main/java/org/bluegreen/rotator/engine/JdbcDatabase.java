package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link Database} over JDBC: the engine each secret names binds its operations to the connection it opened. */
final class JdbcDatabase implements Database {

    private final ConnectOptions options;

    JdbcDatabase(ConnectOptions options) {
        this.options = options;
    }

    @Override
    public DatabaseSession open(DbSecret login) throws SQLException {
        DatabaseEngine engine = Engines.forName(login.engine());
        return new Session(engine, engine.connect(login, options));
    }

    @Override
    public boolean isWrongPassword(DbSecret login, SQLException e) {
        return Engines.forName(login.engine()).isWrongPassword(e);
    }

    @Override
    public boolean isTlsFailure(DbSecret login, SQLException e) {
        return Engines.forName(login.engine()).isTlsFailure(e);
    }

    @Override
    public ConnectOptions options() {
        return options;
    }

    private record Session(DatabaseEngine engine, Connection connection) implements DatabaseSession {

        @Override
        public void changePassword(String username, String newPassword) throws SQLException {
            engine.changePassword(connection, username, newPassword);
        }

        @Override
        public void changeOwnPassword(DbSecret login, String newPassword) throws SQLException {
            engine.changeOwnPassword(connection, login, newPassword);
        }

        @Override
        public Optional<String> whyAdminCannotChangePassword(String username) throws SQLException {
            return engine.whyAdminCannotChangePassword(connection, username);
        }

        @Override
        public Optional<String> plaintextPasswordChange(String username) throws SQLException {
            return engine.plaintextPasswordChange(connection, username);
        }

        @Override
        public List<LiveSession> liveSessions(String username) throws SQLException {
            return engine.liveSessions(connection, username);
        }

        @Override
        public void verifyLogin(String username) throws SQLException {
            engine.verifyLogin(connection, username);
        }

        @Override
        public List<String> unsafeToRotate(String username) throws SQLException {
            return engine.unsafeToRotate(connection, username);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
