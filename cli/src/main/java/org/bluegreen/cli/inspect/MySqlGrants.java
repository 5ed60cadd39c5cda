package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.engine.MySqlAccounts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads a MySQL or MariaDB account's rights from {@code SHOW GRANTS} as lines such as {@code ON `app`.*: SELECT}
 * (see {@link UserRights}). The account part ({@code TO `user`@`host`}), the authentication clause
 * (MariaDB prints the password hash there) and the host are dropped, so two accounts with the same rights compare
 * equal; grants printed for another grantee (a role's own privileges) are left out: they show as the membership.
 */
final class MySqlGrants {

    private MySqlGrants() {
    }

    /**
     * As the user itself, {@code SHOW GRANTS FOR CURRENT_USER()}; from another session (an admin), the account
     * is looked up in {@code mysql.user} first.
     */
    static SortedSet<String> of(Connection session, String username) throws SQLException {
        String target = MySqlAccounts.of(session, username);
        List<String> raw = new ArrayList<>();
        try (Statement st = session.createStatement()) {
            st.setEscapeProcessing(false);
            try (ResultSet rs = st.executeQuery("SHOW GRANTS FOR " + target)) {
                while (rs.next()) {
                    raw.add(rs.getString(1));
                }
            }
        }
        SortedSet<String> lines = new TreeSet<>();
        raw.forEach(line -> normalise(line, username, lines));
        return lines;
    }

    /** Adds the normalised lines of one {@code SHOW GRANTS} line about {@code username}; others are skipped. */
    static void normalise(String line, String username, SortedSet<String> out) {
        if (line.startsWith("SET DEFAULT ROLE ")) {
            int forAt = topLevel(line, " FOR ", 0);
            if (forAt > 0 && username.equals(userOf(line, forAt + 5))) {
                out.add("ROLE: DEFAULT ROLE " + line.substring("SET DEFAULT ROLE ".length(), forAt).trim());
            }
            return;
        }
        boolean grant = line.startsWith("GRANT ");
        if (!grant && !line.startsWith("REVOKE ")) {
            return; // not a form we know: nothing of it can be compared safely
        }
        String body = line.substring(grant ? 6 : 7);
        String keyword = grant ? " TO " : " FROM ";
        int to = topLevel(body, keyword, 0);
        if (to < 0 || !username.equals(userOf(body, to + keyword.length()))) {
            return;
        }
        String what = body.substring(0, to);
        String tail = body.substring(to + keyword.length());
        int with = topLevel(tail, " WITH ", 0);
        String withClause = with < 0 ? "" : tail.substring(with + 6).trim();
        boolean grantOption = withClause.toUpperCase(Locale.ROOT).contains("GRANT OPTION");
        boolean adminOption = withClause.toUpperCase(Locale.ROOT).contains("ADMIN OPTION");
        int on = topLevel(what, " ON ", 0);
        if (on < 0) {
            // GRANT role[, role] TO user: memberships
            for (String role : splitTopLevel(what)) {
                out.add("ROLE: MEMBER OF " + role + (adminOption ? " WITH ADMIN OPTION" : ""));
            }
            return;
        }
        String object = what.substring(on + 4).trim();
        for (String privilege : splitTopLevel(what.substring(0, on))) {
            if (privilege.equalsIgnoreCase("USAGE")) {
                continue; // "no privileges": the line only carries account options
            }
            out.add((grant ? "" : "PARTIAL REVOKE ") + "ON " + object + ": " + privilege
                    + (grantOption ? " WITH GRANT OPTION" : ""));
        }
        if (grant) {
            options(tail, with, withClause, out);
        }
    }

    /** TLS requirements and resource limits, which differ per account and matter as much as privileges. */
    private static void options(String tail, int with, String withClause, SortedSet<String> out) {
        int require = topLevel(tail, " REQUIRE ", 0);
        if (require >= 0) {
            out.add("ROLE: REQUIRE " + tail.substring(require + 9, with > require ? with : tail.length()).trim());
        }
        String[] words = withClause.split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].toUpperCase(Locale.ROOT).startsWith("MAX_")) {
                out.add("ROLE: " + words[i].toUpperCase(Locale.ROOT) + " " + words[i + 1]);
            }
        }
    }

    /** The user part of an account written at {@code from}: {@code `u`@`h`}, {@code 'u'@'h'} or {@code u@h}. */
    static String userOf(String text, int from) {
        if (from >= text.length()) {
            return "";
        }
        char q = text.charAt(from);
        if (q == '`' || q == '\'' || q == '"') {
            StringBuilder user = new StringBuilder();
            for (int i = from + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == q) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == q) {
                        user.append(q);
                        i++;
                        continue;
                    }
                    return user.toString();
                }
                user.append(c);
            }
            return user.toString();
        }
        int end = from;
        while (end < text.length() && text.charAt(end) != '@' && text.charAt(end) != ' ') {
            end++;
        }
        return text.substring(from, end);
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
