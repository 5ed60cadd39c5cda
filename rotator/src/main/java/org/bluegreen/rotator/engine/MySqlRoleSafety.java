package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Whether a MySQL or MariaDB account is one the rotation may change (see {@link DatabaseEngine#unsafeToRotate}):
 * from {@code SHOW GRANTS} of the account and of every role granted to it, no global privilege beyond a few that
 * only read status, no privilege on the {@code mysql} schema (which holds every account's credentials), no proxy
 * grant; and, asked by an admin, an account that is not locked.
 */
final class MySqlRoleSafety {

    /** Global privileges that give no power over other accounts or the server; anything else on *.* counts as admin. */
    private static final Set<String> HARMLESS_GLOBAL = Set.of("USAGE", "PROCESS", "SHOW DATABASES", "SHOW VIEW",
            "REPLICATION CLIENT", "BINLOG MONITOR", "SLAVE MONITOR", "REPLICA MONITOR");
    private static final int MAX_ROLE_DEPTH = 10;

    private MySqlRoleSafety() {
    }

    static List<String> problems(Connection session, String username) throws SQLException {
        MySqlEngine.ServerSession s = MySqlEngine.ServerSession.of(session);
        boolean self = s.currentUser() != null && s.currentUser().startsWith(username + "@");
        String account;
        try {
            account = MySqlAccounts.of(session, username);
        } catch (SQLException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (!self && showOne(session, "SHOW CREATE USER " + account).contains(" ACCOUNT LOCK")) {
            problems.add("account of " + quote(username) + " is locked (it cannot log in)");
        }
        collect(session, account, username, quote(username), problems, new HashSet<>(), 0);
        return problems;
    }

    private static void collect(Connection session, String account, String user, String holder, List<String> problems,
                                Set<String> seen, int depth) throws SQLException {
        SortedSet<String> lines = new TreeSet<>();
        try (Statement st = session.createStatement()) {
            st.setEscapeProcessing(false);
            try (ResultSet rs = st.executeQuery("SHOW GRANTS FOR " + account)) {
                while (rs.next()) {
                    MySqlGrantLines.normalise(rs.getString(1), user, lines);
                }
            }
        } catch (SQLException e) {
            problems.add("cannot read the grants of " + holder + " to check it has no admin power: " + e.getMessage());
            return;
        }
        for (String line : lines) {
            if (line.startsWith("ROLE: MEMBER OF ")) {
                String role = line.substring("ROLE: MEMBER OF ".length()).replace(" WITH ADMIN OPTION", "");
                if (line.endsWith(" WITH ADMIN OPTION")) {
                    problems.add(holder + " may grant role " + role + " to others (WITH ADMIN OPTION)");
                }
                if (depth >= MAX_ROLE_DEPTH) {
                    problems.add(holder + " has roles nested deeper than " + MAX_ROLE_DEPTH + " levels");
                } else if (seen.add(role)) {
                    collect(session, role, MySqlGrantLines.userOf(role, 0), "role " + role + " of " + quote(user), problems, seen, depth + 1);
                }
                continue;
            }
            if (!line.startsWith("ON ")) {
                continue; // account options (TLS, limits): no power
            }
            int colon = line.indexOf(": ");
            String object = line.substring(3, colon);
            String privilege = line.substring(colon + 2);
            boolean grantOption = privilege.endsWith(" WITH GRANT OPTION");
            String bare = privilege.replace(" WITH GRANT OPTION", "").toUpperCase(Locale.ROOT);
            if (object.equals("*.*") && (grantOption || !HARMLESS_GLOBAL.contains(bare))) {
                problems.add(holder + " has global " + privilege);
            } else if (object.replace("`", "").startsWith("mysql.")) {
                problems.add(holder + " has " + privilege + " on the mysql schema, which holds every account's credentials");
            } else if (bare.equals("PROXY")) {
                problems.add(holder + " may act as another account (PROXY ON " + object + ")");
            }
        }
    }

    private static String showOne(Connection session, String sql) throws SQLException {
        try (Statement st = session.createStatement()) {
            st.setEscapeProcessing(false);
            try (ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }
}
