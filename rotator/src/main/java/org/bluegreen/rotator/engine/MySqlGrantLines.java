package org.bluegreen.rotator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;

/**
 * {@code SHOW GRANTS} lines of MySQL and MariaDB as the role-safety check reads them: {@code ON `db`.*: SELECT},
 * {@code ON *.*: SUPER WITH GRANT OPTION}, {@code ROLE: MEMBER OF `r`@`%`}. Quoting-aware: names may hold any
 * character. The operator CLI's rights comparison ({@code cli.inspect.MySqlGrants}) reads its lines with the same helpers.
 */
public final class MySqlGrantLines {

    private MySqlGrantLines() {
    }

    /** Adds the normalised lines of one {@code SHOW GRANTS} line about {@code username}; others are skipped. */
    public static void normalise(String line, String username, SortedSet<String> out) {
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
    }

    /** The user part of an account written at {@code from}: {@code `u`@`h`}, {@code 'u'@'h'} or {@code u@h}. */
    public static String userOf(String text, int from) {
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
    public static int topLevel(String text, String needle, int from) {
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
    public static List<String> splitTopLevel(String list) {
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
