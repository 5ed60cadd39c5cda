package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.util.PSQLState;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** PostgreSQL and Aurora PostgreSQL, through pgjdbc. */
final class PostgresEngine implements DatabaseEngine {

    @Override
    public int defaultPort() {
        return 5432;
    }

    @Override
    public String passwordExcludedCharacters() {
        return "";
    }

    @Override
    public int maxPasswordLength() {
        return 1000;
    }

    @Override
    public Connection connect(DbSecret login, ConnectOptions options) throws SQLException {
        Properties props = new Properties();
        PGProperty.USER.set(props, login.username());
        PGProperty.PASSWORD.set(props, login.password());
        PGProperty.APPLICATION_NAME.set(props, "bluegreen-rotator");
        PGProperty.CONNECT_TIMEOUT.set(props, (int) options.connectTimeout().toSeconds());
        PGProperty.LOGIN_TIMEOUT.set(props, (int) options.connectTimeout().toSeconds() * 2);
        PGProperty.SOCKET_TIMEOUT.set(props, 30);
        // pgjdbc's default (prefer) silently falls back to plaintext: always say what we want.
        if (!login.ssl()) {
            PGProperty.SSL_MODE.set(props, "disable");
        } else if (options.caBundle() != null) {
            PGProperty.SSL_MODE.set(props, "verify-full");
            PGProperty.SSL_ROOT_CERT.set(props, options.caBundle().toString());
        } else {
            PGProperty.SSL_MODE.set(props, "require");
        }
        return DriverManager.getConnection(url(login), props);
    }

    private String url(DbSecret login) {
        String host = Hosts.checked(login.host());
        int port = login.port() == 0 ? defaultPort() : login.port();
        String db = login.dbname() == null ? "postgres" : login.dbname();
        return "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(db, StandardCharsets.UTF_8);
    }

    @Override
    public void changeOwnPassword(Connection asUser, DbSecret login, String newPassword) throws SQLException {
        // The setup SQL makes every session of blue and green assume the shared owner role (ALTER ROLE ... SET
        // role), and only the login role may change its own password: drop back to it first.
        try (var s = asUser.createStatement()) {
            s.execute("SET ROLE NONE");
        }
        changePassword(asUser, login.username(), newPassword);
    }

    @Override
    public void changePassword(Connection session, String username, String newPassword) throws SQLException {
        // pgjdbc computes the SCRAM-SHA-256 verifier on the client and quotes the role name itself:
        // the plaintext never reaches the server, its statement log or pg_stat_statements.
        char[] chars = newPassword.toCharArray();
        try {
            session.unwrap(PGConnection.class).alterUserPassword(username, chars, "scram-sha-256");
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    @Override
    public Optional<String> whyAdminCannotChangePassword(Connection asAdmin, String username) throws SQLException {
        // ALTER ROLE: a superuser may change any password; else CREATEROLE, never on a superuser, and from
        // PostgreSQL 16 on also ADMIN OPTION on the role (which its creator holds).
        String sql = "SELECT t.rolsuper, a.rolsuper, a.rolcreaterole, current_setting('server_version_num')::int >= 160000,"
                + " pg_has_role(a.oid, t.oid, 'MEMBER WITH ADMIN OPTION'), a.rolname"
                + " FROM pg_roles t CROSS JOIN pg_roles a WHERE t.rolname = ? AND a.rolname = session_user";
        try (PreparedStatement ps = asAdmin.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of("user " + quote(username) + " does not exist in this database server");
                }
                String admin = rs.getString(6);
                if (rs.getBoolean(2)) {
                    return Optional.empty();
                }
                if (rs.getBoolean(1)) {
                    return Optional.of("user " + quote(username) + " is a superuser: only a superuser may change its password, and "
                            + quote(admin) + " is not one");
                }
                if (!rs.getBoolean(3)) {
                    return Optional.of("admin " + quote(admin) + " has no CREATEROLE: it may not change other users' passwords");
                }
                if (rs.getBoolean(4) && !rs.getBoolean(5)) {
                    return Optional.of("admin " + quote(admin) + " has no ADMIN OPTION on " + quote(username) + ", which PostgreSQL 16"
                            + " and later require to change its password: create the users as this admin (sql/postgresql/setup.sql)"
                            + " or GRANT \"" + username + "\" TO \"" + admin + "\" WITH ADMIN OPTION");
                }
                return Optional.empty();
            }
        }
    }

    @Override
    public List<LiveSession> liveSessions(Connection session, String username) throws SQLException {
        // A login without pg_read_all_stats (an admin with only CREATEROLE) sees another user's sessions with
        // backend_type and client_addr NULL: they are sessions all the same, from a host it may not see.
        String sql = "SELECT coalesce(host(client_addr), CASE WHEN client_port = -1 THEN 'local' ELSE 'unknown' END),"
                + " count(*) FROM pg_stat_activity"
                + " WHERE usename = ? AND pid <> pg_backend_pid() AND coalesce(backend_type, 'client backend') = 'client backend'"
                + " GROUP BY 1 ORDER BY 1";
        List<LiveSession> sessions = new ArrayList<>();
        try (PreparedStatement ps = session.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new LiveSession(rs.getString(1), rs.getInt(2)));
                }
            }
        }
        return sessions;
    }

    @Override
    public void verifyLogin(Connection session, String username) throws SQLException {
        // session_user, not current_user: the session may have assumed the shared owner role.
        try (PreparedStatement ps = session.prepareStatement("SELECT session_user, now()");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !username.equals(rs.getString(1))) {
                throw new SQLException("logged in, but not as the secret's user " + quote(username));
            }
        }
    }

    /** NAMEDATALEN - 1: PostgreSQL truncates longer identifiers (with a NOTICE only). */
    static final int MAX_NAME_BYTES = 63;

    @Override
    public String account(Connection session, String username) {
        // A PostgreSQL account is the role itself: its name as a quoted identifier.
        return '"' + username.replace("\"", "\"\"") + '"';
    }

    @Override
    public Optional<String> userNameProblem(String username) {
        return UserNames.problem(username, MAX_NAME_BYTES, 0);
    }

    @Override
    public List<String> unsafeToRotate(Connection session, String username) throws SQLException {
        return PostgresRoleSafety.problems(session, username);
    }

    @Override
    public boolean isWrongPassword(SQLException e) {
        return PSQLState.INVALID_PASSWORD.getState().equals(e.getSQLState());
    }
}
