package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** What the server says about a session: one round trip before each change. */
record MySqlServerSession(String version, boolean mariaDb, boolean noBackslashEscapes, String currentUser) {

    static MySqlServerSession of(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT VERSION(), @@SESSION.sql_mode, CURRENT_USER(), NOW()")) {
            if (!rs.next()) {
                throw new SQLException("SELECT VERSION() returned no row", "HY000");
            }
            String version = rs.getString(1);
            return new MySqlServerSession(version, version != null && version.toLowerCase(Locale.ROOT).contains("mariadb"),
                    MySqlSql.noBackslashEscapes(rs.getString(2)), rs.getString(3));
        }
    }

    /** Whether the server's version is at least {@code major.minor.patch} (MySQL's numbering; MariaDB has its own). */
    boolean atLeast(int major, int minor, int patch) {
        return MySqlSql.compareVersions(version, major, minor, patch) >= 0;
    }

    /** Whether this session is logged in as an account of {@code username}. */
    boolean isUser(String username) {
        return currentUser != null && currentUser.startsWith(username + "@");
    }

    /**
     * The host part of the account this session was matched to, checking that its user part is {@code username}: a
     * login can match an anonymous account ({@code ''@'host'}), whose password must never be what the rotation changes.
     */
    String hostOfCurrentAccount(String username) throws EngineRefusal {
        if (!isUser(username)) {
            throw new EngineRefusal(EngineRefusal.Reason.OTHER_ACCOUNT_MATCHED, "logged in, but as account " + quote(currentUser)
                    + " rather than one of user " + quote(username) + " (an anonymous or proxy account matched the login)");
        }
        return currentUser.substring(username.length() + 1);
    }

    /** A string literal of {@code value} for this session's {@code sql_mode}; {@code what} names it in errors. */
    String literal(String value, String what) {
        return MySqlSql.literal(value, noBackslashEscapes, what);
    }
}
