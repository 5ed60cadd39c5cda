package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.engine.MySqlGrantLines.Grant;
import org.bluegreen.rotator.engine.MySqlGrantLines.Grantee;
import org.bluegreen.rotator.engine.MySqlGrantLines.Membership;
import org.bluegreen.rotator.engine.MySqlGrantLines.Privilege;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Whether a MySQL or MariaDB account is one the rotation may change (see {@link DatabaseEngine#unsafeToRotate}): no
 * global privilege beyond a few that only read status, no privilege on the {@code mysql} schema (which holds every
 * account's credentials), no proxy grant, no role it may hand on ({@code WITH ADMIN OPTION}), counting what comes
 * through roles, nested ones included; and, asked by an admin, an account that is not locked.
 *
 * <p>The grants are read with what the asker may read (the statements differ by server and asker):
 * <ul>
 *   <li>an admin (SELECT on the mysql schema): {@code SHOW GRANTS FOR} the account, then for each role it reaches;</li>
 *   <li>the user itself on MySQL 8+: {@code SHOW GRANTS FOR} its account, then {@code SHOW GRANTS FOR} its account
 *       {@code USING r} for each role granted to it, which adds that role's privileges (and those of the roles
 *       granted to the role) as the account's own: what is new is the role's;</li>
 *   <li>the user itself on MariaDB: {@code SHOW GRANTS} with no role active, then with each role granted to it made
 *       active ({@code SET ROLE r}), which adds that role's grants and those of the roles granted to it, each under
 *       its own name; the session's role is put back afterwards.</li>
 * </ul>
 * A user may read none of it for a role that is not granted to it, and needs no privilege for any of it. What cannot
 * be read is a finding of its own, which names the statement that failed.
 */
final class MySqlRoleSafety {

    /** Global privileges that give no power over other accounts or the server; anything else on *.* counts as admin. */
    private static final Set<String> HARMLESS_GLOBAL = Set.of("USAGE", "PROCESS", "SHOW DATABASES", "SHOW VIEW",
            "REPLICATION CLIENT", "BINLOG MONITOR", "SLAVE MONITOR", "REPLICA MONITOR");
    private static final int MAX_ROLE_DEPTH = 10;

    private MySqlRoleSafety() {
    }

    /** What makes an account unsafe to rotate. */
    enum Kind {
        /** No such account, or several: see {@link EngineRefusal.Reason}. */
        ACCOUNT,
        /** The account is locked. */
        LOCKED,
        /** A global privilege beyond reading status, or any global privilege WITH GRANT OPTION. */
        GLOBAL_PRIVILEGE,
        /** A privilege on the mysql schema (or on a database pattern that matches it). */
        MYSQL_SCHEMA,
        /** PROXY: may act as another account. */
        PROXY,
        /** May grant a role to others (WITH ADMIN OPTION). */
        ROLE_ADMIN,
        /** Roles nested deeper than {@value #MAX_ROLE_DEPTH} levels. */
        ROLES_TOO_DEEP,
        /** The rights could not be read: the finding names the statement that failed. */
        UNREADABLE
    }

    /** One reason the account is unsafe, with the sentence that says it. */
    record Finding(Kind kind, String text) {
    }

    static List<Finding> findings(Connection session, String username) throws SQLException {
        MySqlServerSession s = MySqlServerSession.of(session);
        boolean self = s.isUser(username);
        Grantee user;
        try {
            user = self
                    ? new Grantee(username, s.hostOfCurrentAccount(username))
                    : grantee(MySqlAccounts.find(session, s, username));
        } catch (EngineRefusal e) {
            return List.of(new Finding(Kind.ACCOUNT, e.getMessage()));
        } catch (SQLException e) {
            return List.of(unreadable(username, "SELECT ... FROM mysql.user", e));
        }
        List<Finding> findings = new ArrayList<>();
        Grants grants = new Grants(user);
        if (!self) {
            String sql = "SHOW CREATE USER " + user.sql();
            try {
                if (showAll(session, sql).stream().anyMatch(line -> line.contains(" ACCOUNT LOCK"))) {
                    findings.add(new Finding(Kind.LOCKED, "account of " + quote(username) + " is locked (it cannot log in)"));
                }
            } catch (SQLException e) {
                findings.add(unreadable(username, sql, e));
            }
        }
        try {
            if (!self) {
                readAsAdmin(session, grants);
            } else if (s.mariaDb()) {
                readAsMariaDbUser(session, grants);
            } else {
                readAsMySqlUser(session, grants);
            }
        } catch (Unreadable e) {
            findings.add(unreadable(username, e.statement, e.cause));
            return findings;
        }
        findings.addAll(grants.findings());
        return findings;
    }

    private static Grantee grantee(MySqlAccounts.Account a) {
        return new Grantee(a.user(), a.host());
    }

    /** {@code SHOW GRANTS FOR} the account, then for every role it reaches (the admin may read any). */
    private static void readAsAdmin(Connection session, Grants grants) throws Unreadable {
        grants.addAll(parsed(session, "SHOW GRANTS FOR " + grants.user.sql()), null);
        Set<Grantee> fetched = new LinkedHashSet<>();
        for (Grantee role; (role = grants.nextUnread(fetched)) != null; ) {
            fetched.add(role);
            grants.addAll(parsed(session, "SHOW GRANTS FOR " + role.sql()), null);
        }
    }

    /** MySQL 8+: the account's own grants, then with each of its roles expanded ({@code USING}). */
    private static void readAsMySqlUser(Connection session, Grants grants) throws Unreadable {
        String account = "SHOW GRANTS FOR " + grants.user.sql();
        List<Grant> own = parsed(session, account);
        grants.addAll(own, null);
        for (Grantee role : grants.rolesOf(grants.user)) {
            List<Grant> with = parsed(session, account + " USING " + role.sql());
            with.removeAll(own);
            // what USING adds is the role's, or that of a role granted to it: held by the role, as far as can be told
            grants.addAll(with, role);
        }
    }

    /** MariaDB: {@code SHOW GRANTS} with no role active, then with each role granted to the user active. */
    private static void readAsMariaDbUser(Connection session, Grants grants) throws Unreadable {
        String before = null;
        try {
            List<String> current = showAll(session, "SELECT CURRENT_ROLE()");
            before = current.isEmpty() ? null : current.get(0);
        } catch (SQLException e) {
            throw new Unreadable("SELECT CURRENT_ROLE()", e);
        }
        try {
            execute(session, "SET ROLE NONE");
            grants.addAll(parsed(session, "SHOW GRANTS"), null);
            for (Grantee role : grants.rolesOf(grants.user)) {
                execute(session, "SET ROLE " + role.sql());
                grants.addAll(parsed(session, "SHOW GRANTS"), null);
            }
        } finally {
            // the session's role as it was: the caller may go on using the session
            execute(session, before == null ? "SET ROLE NONE" : "SET ROLE " + MySqlSql.ident(before));
        }
    }

    /** The grants as read, and what they add up to for the account. */
    private static final class Grants {
        final Grantee user;
        /** Each grant with the grantee it is held by (a role's, where the server wrote it as the user's). */
        final Map<Grant, Grantee> heldBy = new HashMap<>();
        final List<Grant> order = new ArrayList<>();

        Grants(Grantee user) {
            this.user = user;
        }

        void addAll(List<Grant> grants, Grantee holder) {
            for (Grant g : grants) {
                if (!heldBy.containsKey(g)) {
                    heldBy.put(g, holder != null ? holder : g.grantee());
                    order.add(g);
                }
            }
        }

        List<Grantee> rolesOf(Grantee grantee) {
            List<Grantee> roles = new ArrayList<>();
            for (Grant g : order) {
                if (g instanceof Membership m && heldBy.get(g).equals(grantee) && !roles.contains(m.role())) {
                    roles.add(m.role());
                }
            }
            return roles;
        }

        /** A role the account reaches whose grants have not been read yet, or null. */
        Grantee nextUnread(Set<Grantee> fetched) {
            for (Grantee role : reachable().keySet()) {
                if (!role.equals(user) && !role.isPublic() && !fetched.contains(role)) {
                    return role;
                }
            }
            return null;
        }

        /** The account, every role it reaches (with its depth) and PUBLIC where a grant names it. */
        Map<Grantee, Integer> reachable() {
            Map<Grantee, Integer> depth = new HashMap<>();
            depth.put(user, 0);
            Deque<Grantee> todo = new ArrayDeque<>(List.of(user));
            while (!todo.isEmpty()) {
                Grantee g = todo.poll();
                for (Grantee role : rolesOf(g)) {
                    if (!depth.containsKey(role)) {
                        depth.put(role, depth.get(g) + 1);
                        todo.add(role);
                    }
                }
            }
            for (Grantee holder : heldBy.values()) {
                if (holder.isPublic()) {
                    depth.putIfAbsent(holder, 1);
                }
            }
            return depth;
        }

        List<Finding> findings() {
            Map<Grantee, Integer> reachable = reachable();
            List<Finding> findings = new ArrayList<>();
            if (reachable.values().stream().anyMatch(d -> d > MAX_ROLE_DEPTH)) {
                findings.add(new Finding(Kind.ROLES_TOO_DEEP, label(user) + " has roles nested deeper than "
                        + MAX_ROLE_DEPTH + " levels"));
            }
            for (Grant g : order) {
                Grantee holder = heldBy.get(g);
                if (!reachable.containsKey(holder)) {
                    continue; // printed for another grantee that this account does not reach
                }
                if (g instanceof Membership m && m.adminOption()) {
                    findings.add(new Finding(Kind.ROLE_ADMIN, label(holder) + " may grant role " + m.role()
                            + " to others (WITH ADMIN OPTION)"));
                } else if (g instanceof Privilege p && !p.revoked()) {
                    String privilege = p.privilege() + (p.grantOption() ? " WITH GRANT OPTION" : "");
                    if (p.global() && (p.grantOption() || !HARMLESS_GLOBAL.contains(p.name()))) {
                        findings.add(new Finding(Kind.GLOBAL_PRIVILEGE, label(holder) + " has global " + privilege));
                    } else if (p.inSchema("mysql")) {
                        findings.add(new Finding(Kind.MYSQL_SCHEMA, label(holder) + " has " + privilege + " on "
                                + p.object() + ", which reaches the mysql schema, which holds every account's credentials"));
                    } else if (p.name().equals("PROXY")) {
                        findings.add(new Finding(Kind.PROXY, label(holder) + " may act as another account (PROXY ON "
                                + p.object() + ")"));
                    }
                }
            }
            return findings;
        }

        private String label(Grantee holder) {
            if (holder.equals(user)) {
                return quote(user.user());
            }
            return (holder.isPublic() ? "PUBLIC (every account)" : "role " + holder) + " of " + quote(user.user());
        }
    }

    /** A statement that reads rights failed. */
    private static final class Unreadable extends Exception {
        final String statement;
        final SQLException cause;

        Unreadable(String statement, SQLException cause) {
            super(statement, cause, false, false);
            this.statement = statement;
            this.cause = cause;
        }
    }

    private static Finding unreadable(String username, String statement, SQLException e) {
        return new Finding(Kind.UNREADABLE, "cannot determine the rights of " + quote(username) + " to check it has no admin"
                + " power: " + statement + " failed: " + e.getMessage());
    }

    private static List<Grant> parsed(Connection session, String sql) throws Unreadable {
        try {
            List<Grant> grants = new ArrayList<>();
            for (String line : showAll(session, sql)) {
                grants.addAll(MySqlGrantLines.parse(line));
            }
            return grants;
        } catch (SQLException e) {
            throw new Unreadable(sql, e);
        }
    }

    private static void execute(Connection session, String sql) throws Unreadable {
        try (Statement st = session.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        } catch (SQLException e) {
            throw new Unreadable(sql, e);
        }
    }

    private static List<String> showAll(Connection session, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = session.createStatement()) {
            st.setEscapeProcessing(false);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }
}
