package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
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
        public String account(String username) throws SQLException {
            return engine.account(connection, username);
        }

        @Override
        public List<Row> rows(String sql, Object... params) throws SQLException {
            if (params.length == 0) {
                try (Statement st = connection.createStatement()) {
                    st.setEscapeProcessing(false);
                    return st.execute(sql) ? read(st.getResultSet()) : List.of();
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.execute() ? read(ps.getResultSet()) : List.of();
            }
        }

        private static List<Row> read(ResultSet rs) throws SQLException {
            try (rs) {
                int columns = rs.getMetaData().getColumnCount();
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] values = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        values[i] = rs.getObject(i + 1);
                    }
                    rows.add(new Row(Arrays.asList(values)));
                }
                return List.copyOf(rows);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
