package org.bluegreen.rotator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;

/**
 * {@code SHOW GRANTS} lines of MySQL and MariaDB, read once into records: a {@link Privilege} on an object, a role
 * {@link Membership}, a {@link DefaultRole}. Quoting-aware: names may hold any character. The role-safety check
 * works on the records; the operator CLI's rights comparison ({@code cli.inspect.MySqlGrants}) prints them as lines
 * such as {@code ON `db`.*: SELECT} ({@link #normalise}).
 */
public final class MySqlGrantLines {

    private MySqlGrantLines() {
    }

    /**
     * Whom a grant names: an account ({@code `u`@`h`}; MySQL writes roles so too), a MariaDB role ({@code `r`}, host
     * null) or MariaDB's {@code PUBLIC} (user {@code PUBLIC}, host null).
     */
    public record Grantee(String user, String host) {

        /** MariaDB 10.11+: what is granted to PUBLIC is granted to every account. */
        public boolean isPublic() {
            return host == null && user.equalsIgnoreCase("PUBLIC");
        }

        /** The name for a statement such as {@code SHOW GRANTS FOR}, quoted afresh (never as the server wrote it). */
        String sql() {
            return host == null ? MySqlSql.ident(user) : MySqlSql.account(user, host);
        }

        @Override
        public String toString() {
            return host == null ? "`" + user + "`" : "`" + user + "`@`" + host + "`";
        }
    }

    /** One line's meaning; a line can carry several (one per privilege or role it lists). */
    public sealed interface Grant permits Privilege, Membership, DefaultRole {
        Grantee grantee();
    }

    /**
     * A privilege on an object ({@code *.*}, {@code `db`.*}, {@code `db`.`t`}, {@code PROCEDURE `db`.`p`}, or for
     * PROXY an account); {@code revoked} for MySQL's partial revokes ({@code REVOKE … FROM}).
     */
    public record Privilege(Grantee grantee, String object, String privilege, boolean grantOption, boolean revoked)
            implements Grant {

        public boolean global() {
            return object.equals("*.*");
        }

        /** The privilege's name without a column list, upper case: {@code SELECT (`a`)} gives {@code SELECT}. */
        public String name() {
            int paren = privilege.indexOf('(');
            return (paren < 0 ? privilege : privilege.substring(0, paren)).trim().toUpperCase(Locale.ROOT);
        }

        /**
         * Whether the object lies in the schema {@code schema}: named so, or a database pattern with {@code %} or
         * {@code _} that matches it (a grant on {@code `m%`.*} reaches {@code mysql} too).
         */
        public boolean inSchema(String schema) {
            String o = object;
            for (String kind : List.of("PROCEDURE ", "FUNCTION ", "PACKAGE BODY ", "PACKAGE ", "TABLE ")) {
                if (o.toUpperCase(Locale.ROOT).startsWith(kind)) {
                    o = o.substring(kind.length());
                    break;
                }
            }
            int dot = topLevel(o, ".", 0);
            if (dot <= 0 || o.equals("*.*")) {
                return false;
            }
            Name db = readName(o, 0);
            return db.end() == dot && likeMatches(db.value(), schema, !o.substring(dot + 1).trim().equals("*"));
        }
    }

    /** {@code GRANT role TO grantee [WITH ADMIN OPTION]}. */
    public record Membership(Grantee grantee, Grantee role, boolean adminOption) implements Grant {
    }

    /** MariaDB's {@code SET DEFAULT ROLE role FOR grantee}. */
    public record DefaultRole(Grantee grantee, Grantee role) implements Grant {
    }

    /** What one {@code SHOW GRANTS} line grants; empty for a line of a form not known here (nothing is guessed). */
    public static List<Grant> parse(String line) {
        List<Grant> out = new ArrayList<>();
        if (line == null) {
            return out;
        }
        if (line.startsWith("SET DEFAULT ROLE ")) {
            int forAt = topLevel(line, " FOR ", 0);
            Grantee role = granteeAt(line, "SET DEFAULT ROLE ".length());
            Grantee grantee = forAt < 0 ? null : granteeAt(line, forAt + 5);
            if (grantee != null && role != null && !role.user().equalsIgnoreCase("NONE")) {
                out.add(new DefaultRole(grantee, role));
            }
            return out;
        }
        boolean grant = line.startsWith("GRANT ");
        if (!grant && !line.startsWith("REVOKE ")) {
            return out;
        }
        String body = line.substring(grant ? 6 : 7);
        String keyword = grant ? " TO " : " FROM ";
        int to = topLevel(body, keyword, 0);
        Grantee grantee = to < 0 ? null : granteeAt(body, to + keyword.length());
        if (grantee == null) {
            return out;
        }
        String what = body.substring(0, to);
        String tail = body.substring(to + keyword.length());
        int with = topLevel(tail, " WITH ", 0);
        String withClause = with < 0 ? "" : tail.substring(with + 6).toUpperCase(Locale.ROOT);
        int on = topLevel(what, " ON ", 0);
        if (on < 0) {
            for (String role : splitTopLevel(what)) {
                Grantee r = granteeAt(role, 0);
                if (r != null) {
                    out.add(new Membership(grantee, r, withClause.contains("ADMIN OPTION")));
                }
            }
            return out;
        }
        String object = what.substring(on + 4).trim();
        for (String privilege : splitTopLevel(what.substring(0, on))) {
            if (!privilege.equalsIgnoreCase("USAGE")) { // "no privileges": the line only carries account options
                out.add(new Privilege(grantee, object, privilege, withClause.contains("GRANT OPTION"), !grant));
            }
        }
        return out;
    }

    /** Adds the normalised lines of one {@code SHOW GRANTS} line about {@code username}; others are skipped. */
    public static void normalise(String line, String username, SortedSet<String> out) {
        for (Grant g : parse(line)) {
            if (!g.grantee().user().equals(username)) {
                continue;
            }
            if (g instanceof Privilege p) {
                out.add((p.revoked() ? "PARTIAL REVOKE " : "") + "ON " + p.object() + ": " + p.privilege()
                        + (p.grantOption() ? " WITH GRANT OPTION" : ""));
            } else if (g instanceof Membership m) {
                out.add("ROLE: MEMBER OF " + m.role() + (m.adminOption() ? " WITH ADMIN OPTION" : ""));
            } else if (g instanceof DefaultRole d) {
                out.add("ROLE: DEFAULT ROLE " + d.role());
            }
        }
    }

    /** A name at {@code from}, quoted ({@code `…`}, {@code '…'}, {@code "…"}, doubled quotes inside) or bare. */
    private record Name(String value, int end) {
    }

    private static Name readName(String text, int from) {
        if (from >= text.length()) {
            return new Name(null, from);
        }
        char q = text.charAt(from);
        if (q == '`' || q == '\'' || q == '"') {
            StringBuilder value = new StringBuilder();
            for (int i = from + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && q != '`' && i + 1 < text.length()) {
                    value.append(c).append(text.charAt(++i)); // kept: a LIKE pattern's escape
                } else if (c == q) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == q) {
                        value.append(q);
                        i++;
                    } else {
                        return new Name(value.toString(), i + 1);
                    }
                } else {
                    value.append(c);
                }
            }
            return new Name(null, text.length()); // unterminated: not a name
        }
        int end = from;
        while (end < text.length() && " @,.".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return new Name(end == from ? null : text.substring(from, end), end);
    }

    /** The grantee written at {@code from}, or null. */
    private static Grantee granteeAt(String text, int from) {
        Name user = readName(text, from);
        if (user.value() == null) {
            return null;
        }
        if (user.end() < text.length() && text.charAt(user.end()) == '@') {
            Name host = readName(text, user.end() + 1);
            return host.value() == null ? null : new Grantee(user.value(), host.value());
        }
        return new Grantee(user.value(), null);
    }

    /**
     * Whether a database name as {@code SHOW GRANTS} prints it matches {@code schema}: a database-level grant reads
     * {@code %} and {@code _} as wildcards and {@code \} as their escape; a table-level one names the database.
     */
    static boolean likeMatches(String pattern, String schema, boolean literal) {
        if (literal) {
            return pattern.replace("\\_", "_").replace("\\%", "%").equals(schema);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return schema.matches("(?s)" + regex);
    }

    /** The index of {@code needle} in {@code text} outside quotes and parentheses, or -1. */
    static int topLevel(String text, String needle, int from) {
        char quote = 0;
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '`' || c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && text.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits at top-level commas: {@code SELECT, UPDATE (`a`, `b`)} gives two items. */
    static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int start = 0;
        int at;
        while ((at = topLevel(list, ",", start)) >= 0) {
            items.add(list.substring(start, at).trim());
            start = at + 1;
        }
        items.add(list.substring(start).trim());
        items.removeIf(String::isEmpty);
        return items;
    }
}
