package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.engine.DatabaseSession;

import java.sql.SQLException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Reads a PostgreSQL role's rights from the catalog as lines such as {@code TABLE app.orders: SELECT} (see
 * {@link UserRights}). Only catalog tables every user may read are used, so the user itself can ask.
 */
final class PostgresGrants {

    /** The role asked about, once, as a CTE every part of the query can join. */
    private static final String ME = "WITH me AS (SELECT oid FROM pg_roles WHERE rolname = ?) ";

    private static final String ATTRIBUTES = ME
            + "SELECT r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, r.rolreplication,"
            + " r.rolbypassrls, r.rolconnlimit, r.rolvaliduntil::text FROM pg_roles r JOIN me ON r.oid = me.oid";

    /** Role-wide settings (database 0) and those for the connected database only. */
    private static final String SETTINGS = ME
            + "SELECT s.setdatabase <> 0, unnest(s.setconfig) FROM pg_db_role_setting s JOIN me ON s.setrole = me.oid"
            + " WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))";

    private static final String MEMBERSHIPS = ME
            + "SELECT r.rolname, m.admin_option FROM pg_auth_members m JOIN me ON m.member = me.oid"
            + " JOIN pg_roles r ON r.oid = m.roleid";

    private static final String RELATION = "CASE c.relkind WHEN 'S' THEN 'SEQUENCE ' WHEN 'v' THEN 'VIEW '"
            + " WHEN 'm' THEN 'MATERIALIZED VIEW ' WHEN 'f' THEN 'FOREIGN TABLE ' ELSE 'TABLE ' END"
            + " || quote_ident(n.nspname) || '.' || quote_ident(c.relname)";
    private static final String RELKINDS = "c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')";
    private static final String ROUTINE = "CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END"
            + " || quote_ident(n.nspname) || '.' || quote_ident(p.proname)"
            + " || '(' || pg_get_function_identity_arguments(p.oid) || ')'";

    /** (object, privilege, grantable): grants to the role from every ACL, then what it owns as privilege OWNER. */
    private static final String PRIVILEGES = ME
            + "SELECT 'DATABASE ' || quote_ident(d.datname), a.privilege_type, a.is_grantable"
            + " FROM pg_database d, aclexplode(d.datacl) a, me WHERE d.datname = current_database() AND a.grantee = me.oid"
            + " UNION ALL SELECT 'SCHEMA ' || quote_ident(n.nspname), a.privilege_type, a.is_grantable"
            + " FROM pg_namespace n, aclexplode(n.nspacl) a, me WHERE a.grantee = me.oid"
            + " UNION ALL SELECT " + RELATION + ", a.privilege_type, a.is_grantable"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a, me"
            + " WHERE " + RELKINDS + " AND a.grantee = me.oid"
            + " UNION ALL SELECT 'COLUMN ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.'"
            + " || quote_ident(t.attname), a.privilege_type, a.is_grantable"
            + " FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace,"
            + " aclexplode(t.attacl) a, me WHERE NOT t.attisdropped AND a.grantee = me.oid"
            + " UNION ALL SELECT " + ROUTINE + ", a.privilege_type, a.is_grantable"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, aclexplode(p.proacl) a, me"
            + " WHERE a.grantee = me.oid"
            + " UNION ALL SELECT 'DEFAULT FOR ' || CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES'"
            + " WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' ELSE d.defaclobjtype::text END"
            // The creator is named, unless it is the role itself: that must read the same for blue and green.
            + " || ' CREATED BY ' || CASE WHEN d.defaclrole = me.oid THEN 'itself' ELSE quote_ident(pg_get_userbyid(d.defaclrole)) END"
            + " || coalesce(' IN SCHEMA ' || quote_ident(n.nspname), ''), a.privilege_type, a.is_grantable"
            + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a, me"
            + " WHERE a.grantee = me.oid"
            // Ownership: objects one user owns and the other does not are the classic blue/green breakage
            // (the peer cannot alter or drop them after the switch).
            + " UNION ALL SELECT 'DATABASE ' || quote_ident(d.datname), 'OWNER', false FROM pg_database d, me"
            + " WHERE d.datname = current_database() AND d.datdba = me.oid"
            + " UNION ALL SELECT 'SCHEMA ' || quote_ident(n.nspname), 'OWNER', false FROM pg_namespace n, me"
            + " WHERE n.nspowner = me.oid"
            + " UNION ALL SELECT " + RELATION + ", 'OWNER', false"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, me WHERE " + RELKINDS + " AND c.relowner = me.oid"
            + " UNION ALL SELECT " + ROUTINE + ", 'OWNER', false"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, me WHERE p.proowner = me.oid";

    private PostgresGrants() {
    }

    static SortedSet<String> of(DatabaseSession session, String username) throws SQLException {
        SortedSet<String> lines = new TreeSet<>();
        List<DatabaseSession.Row> role = session.rows(ATTRIBUTES, username);
        if (role.isEmpty()) {
            throw new SQLException("role " + quote(username) + " does not exist", "42704");
        }
        DatabaseSession.Row r = role.get(0);
        attribute(lines, r.flag(1), "SUPERUSER");
        attribute(lines, !r.flag(2), "NOINHERIT");
        attribute(lines, r.flag(3), "CREATEROLE");
        attribute(lines, r.flag(4), "CREATEDB");
        attribute(lines, r.flag(5), "LOGIN");
        attribute(lines, r.flag(6), "REPLICATION");
        attribute(lines, r.flag(7), "BYPASSRLS");
        attribute(lines, r.number(8) != -1, "CONNECTION LIMIT " + r.number(8));
        attribute(lines, r.text(9) != null, "VALID UNTIL " + r.text(9));
        for (DatabaseSession.Row s : session.rows(SETTINGS, username)) {
            lines.add("ROLE: SET " + s.text(2) + (s.flag(1) ? " IN THIS DATABASE" : ""));
        }
        for (DatabaseSession.Row m : session.rows(MEMBERSHIPS, username)) {
            lines.add("ROLE: MEMBER OF " + m.text(1) + (m.flag(2) ? " WITH ADMIN OPTION" : ""));
        }
        for (DatabaseSession.Row p : session.rows(PRIVILEGES, username)) {
            lines.add(p.text(1) + ": " + p.text(2) + (p.flag(3) ? " WITH GRANT OPTION" : ""));
        }
        return lines;
    }

    private static void attribute(SortedSet<String> lines, boolean present, String attribute) {
        if (present) {
            lines.add("ROLE: " + attribute);
        }
    }
}
