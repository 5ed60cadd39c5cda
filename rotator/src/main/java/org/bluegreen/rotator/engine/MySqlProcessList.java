package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The user's other sessions, from the server's process list. */
final class MySqlProcessList {

    private MySqlProcessList() {
    }

    static List<LiveSession> liveSessions(Connection session, String username) throws SQLException {
        // Without the PROCESS privilege a user sees only its own threads (in either view): what self-service needs.
        Map<String, Integer> byClient = new TreeMap<>();
        try (PreparedStatement ps = session.prepareStatement(processlistQuery(session))) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // The column's collation ignores case: keep exact matches only.
                    if (username.equals(rs.getString(1))) {
                        byClient.merge(MySqlSql.clientHost(rs.getString(2)), 1, Integer::sum);
                    }
                }
            }
        }
        List<LiveSession> sessions = new ArrayList<>();
        byClient.forEach((client, count) -> sessions.add(new LiveSession(client, count)));
        return sessions;
    }

    /**
     * MySQL 8.0.22+ has {@code performance_schema.processlist} and deprecates {@code information_schema.PROCESSLIST}
     * (warning 1287). The former is empty, not missing, when the server runs with {@code performance_schema=OFF},
     * so it is used only where it lists this very session; MariaDB, MySQL 5.7 and early 8.0 get the
     * information_schema view.
     */
    static String processlistQuery(Connection session) throws SQLException {
        String performanceSchema = "SELECT USER, HOST FROM performance_schema.processlist WHERE USER = ? AND ID <> CONNECTION_ID()";
        MySqlServerSession s = MySqlServerSession.of(session);
        if (!s.mariaDb() && s.atLeast(8, 0, 22)) {
            try (Statement st = session.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM performance_schema.processlist WHERE ID = CONNECTION_ID()")) {
                if (rs.next() && rs.getInt(1) == 1) {
                    return performanceSchema;
                }
            } catch (SQLException unavailable) {
                // no such table or no access to it: the older view still answers
            }
        }
        return "SELECT USER, HOST FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()";
    }
}
