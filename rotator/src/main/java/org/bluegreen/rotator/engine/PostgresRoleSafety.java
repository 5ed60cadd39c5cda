package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Whether a PostgreSQL role is one the rotation may change (see {@link DatabaseEngine#unsafeToRotate}): it must log
 * in, and neither it nor any role it is a member of (directly or through others, as {@code SET ROLE} allows) may hold
 * administrative power. Reads only {@code pg_roles} and {@code pg_has_role}, which every user may use, so the user
 * itself can ask as well as an admin.
 */
final class PostgresRoleSafety {

    /** Roles that hand out administrative power by membership: RDS's admin roles and PostgreSQL's predefined ones. */
    private static final Set<String> ADMIN_ROLES = Set.of("rds_superuser", "rds_password", "rds_replication",
            "azure_pg_admin", "cloudsqlsuperuser");
    /** Predefined {@code pg_*} roles that only read statistics and settings; every other {@code pg_*} role counts as admin. */
    private static final Set<String> MONITORING_ROLES = Set.of("pg_monitor", "pg_read_all_settings", "pg_read_all_stats",
            "pg_stat_scan_tables", "pg_database_owner");

    private static final String SQL = "WITH me AS (SELECT oid, rolcanlogin FROM pg_roles WHERE rolname = ?)"
            + " SELECT r.rolname, r.oid = me.oid, me.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolreplication, r.rolbypassrls"
            + " FROM me JOIN pg_roles r ON pg_has_role(me.oid, r.oid, 'MEMBER') ORDER BY r.oid <> me.oid, r.rolname";

    private PostgresRoleSafety() {
    }

    static List<String> problems(Connection session, String username) throws SQLException {
        List<String> problems = new ArrayList<>();
        boolean found = false;
        boolean superuser = false;
        try (PreparedStatement ps = session.prepareStatement(SQL)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found = true;
                    String role = rs.getString(1);
                    boolean self = rs.getBoolean(2);
                    if (!self && superuser) {
                        break; // a superuser is a member of every role: the one line says it all
                    }
                    superuser |= self && rs.getBoolean(4);
                    if (self && !rs.getBoolean(3)) {
                        problems.add("role " + quote(username) + " cannot log in (NOLOGIN)");
                    }
                    List<String> powers = new ArrayList<>();
                    if (rs.getBoolean(4)) powers.add("SUPERUSER");
                    if (rs.getBoolean(5)) powers.add("CREATEROLE");
                    if (rs.getBoolean(6)) powers.add("REPLICATION");
                    if (rs.getBoolean(7)) powers.add("BYPASSRLS");
                    if (!self && (ADMIN_ROLES.contains(role) || role.startsWith("pg_") && !MONITORING_ROLES.contains(role))) {
                        powers.add("admin role");
                    }
                    if (!powers.isEmpty()) {
                        problems.add(self ? "role " + quote(username) + " has " + String.join(", ", powers)
                                : "role " + quote(username) + " is a member of " + quote(role) + " (" + String.join(", ", powers) + ")");
                    }
                }
            }
        }
        if (!found) {
            problems.add("no role named " + quote(username) + " exists");
        }
        return problems;
    }
}
