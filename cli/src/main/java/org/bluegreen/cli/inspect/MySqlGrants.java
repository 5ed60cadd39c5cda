package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.engine.DatabaseSession;
import org.bluegreen.rotator.engine.MySqlGrantLines;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads a MySQL or MariaDB account's rights as lines such as {@code ON `app`.*: SELECT} (see
 * {@link UserRights}): privileges and role memberships from {@code SHOW GRANTS}, the account's own
 * options from {@code SHOW CREATE USER} (MySQL 8 prints default roles, {@code REQUIRE}, {@code WITH MAX_*}, password
 * and lock options only there; MariaDB prints lock and password options only there). The account part
 * ({@code TO `user`@`host`}), password hashes and the host are dropped, so two accounts with the same rights compare
 * equal; grants printed for another grantee (a role's own privileges) are left out: they show as the membership.
 */
final class MySqlGrants {

    private MySqlGrants() {
    }

    /**
     * As the user itself, the account the login matched; from another session (an admin), the account is looked
     * up in {@code mysql.user} first.
     */
    static SortedSet<String> of(DatabaseSession session, String username) throws SQLException {
        String target = session.account(username);
        SortedSet<String> lines = new TreeSet<>();
        for (DatabaseSession.Row row : session.rows("SHOW GRANTS FOR " + target)) {
            normalise(row.text(1), username, lines);
        }
        try {
            // MySQL 8.0.17+: hashes as 0x… rather than as string literals of raw bytes, which the reader below
            // could only skip by trusting the server's escaping. MariaDB has no such variable (nor binary hashes).
            session.rows("SET SESSION print_identified_with_as_hex = ON");
        } catch (SQLException noSuchVariable) {
            // quoted hashes are skipped as quoted values
        }
        for (DatabaseSession.Row row : session.rows("SHOW CREATE USER " + target)) {
            accountOptions(row.text(1), lines);
        }
        return lines;
    }

    /** Adds the normalised lines of one {@code SHOW GRANTS} line about {@code username}; others are skipped. */
    static void normalise(String line, String username, SortedSet<String> out) {
        // The same reading as the rotation's role-safety check; account options come from SHOW CREATE USER.
        MySqlGrantLines.normalise(line, username, out);
    }

    /**
     * Adds the account options of one {@code SHOW CREATE USER} text: {@code ROLE: AUTHENTICATION plugin}, one
     * {@code ROLE: DEFAULT ROLE r} per default role, and every other option that is not at its default
     * ({@code ROLE: REQUIRE SSL}, {@code ROLE: MAX_USER_CONNECTIONS 5}, {@code ROLE: PASSWORD EXPIRE INTERVAL 90 DAY},
     * {@code ROLE: ACCOUNT LOCK}, ...). Hashes (after {@code AS}, {@code USING}, {@code BY PASSWORD}) are skipped, and
     * so are {@code COMMENT} and {@code ATTRIBUTE}, which describe the account rather than grant anything. A word this
     * reader does not know is kept as it is (only plain words: never a quoted or hex value), so that a new option
     * still shows as a difference.
     */
    static void accountOptions(String showCreateUser, SortedSet<String> out) {
        List<String> t = tokens(showCreateUser);
        int i = 3; // CREATE USER `user`
        if (at(t, i).equals("@")) {
            i += 2;
        }
        while (i < t.size()) {
            switch (word(t, i)) {
                case "IDENTIFIED" -> i = authentication(t, i, out);
                case "REQUIRE" -> i = tlsRequirement(t, i + 1, out);
                case "WITH" -> {
                    for (i++; word(t, i).startsWith("MAX_"); i += 2) {
                        if (!at(t, i + 1).matches("0+(\\.0+)?")) {
                            out.add("ROLE: " + word(t, i) + " " + at(t, i + 1));
                        }
                    }
                }
                case "PASSWORD" -> i = passwordOption(t, i + 1, out);
                case "ACCOUNT" -> {
                    if (word(t, i + 1).equals("LOCK")) {
                        out.add("ROLE: ACCOUNT LOCK");
                    }
                    i += 2;
                }
                case "FAILED_LOGIN_ATTEMPTS", "PASSWORD_LOCK_TIME" -> {
                    if (!at(t, i + 1).equals("0")) {
                        out.add("ROLE: " + word(t, i) + " " + word(t, i + 1));
                    }
                    i += 2;
                }
                case "COMMENT", "ATTRIBUTE" -> i += 2;
                default -> {
                    if (word(t, i).equals("DEFAULT") && word(t, i + 1).equals("ROLE")) {
                        i = defaultRoles(t, i + 2, out);
                    } else {
                        if (t.get(i).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            out.add("ROLE: " + word(t, i));
                        }
                        i++;
                    }
                }
            }
        }
    }

    /** {@code IDENTIFIED WITH 'p' [AS …] [AND IDENTIFIED …]} (MySQL), {@code IDENTIFIED BY PASSWORD '…'} or
     * {@code IDENTIFIED VIA p [USING …] [OR q …]} (MariaDB): the plugins, never the hashes. */
    private static int authentication(List<String> t, int i, SortedSet<String> out) {
        StringBuilder plugins = new StringBuilder();
        while (word(t, i).equals("IDENTIFIED")) {
            if (word(t, i + 1).equals("BY")) {
                plugins.append("mysql_native_password"); // MariaDB's form for that plugin
                i += word(t, i + 2).equals("PASSWORD") ? 4 : 3;
            } else {
                i += 2; // IDENTIFIED WITH | VIA
                while (i < t.size()) {
                    plugins.append(unquote(at(t, i)));
                    i++;
                    if (Set.of("AS", "USING", "BY").contains(word(t, i))) {
                        i += 2;
                    }
                    if (!word(t, i).equals("OR")) {
                        break;
                    }
                    plugins.append(" OR ");
                    i++;
                }
            }
            if (word(t, i).equals("AND") && word(t, i + 1).equals("IDENTIFIED")) {
                plugins.append(" AND ");
                i++;
            }
        }
        out.add("ROLE: AUTHENTICATION " + plugins);
        return i;
    }

    /** {@code REQUIRE NONE | SSL | X509 | ISSUER 'i' [AND] SUBJECT 's' [AND] CIPHER 'c'}, in a fixed order. */
    private static int tlsRequirement(List<String> t, int i, SortedSet<String> out) {
        SortedSet<String> parts = new TreeSet<>();
        for (; ; i++) {
            String w = word(t, i);
            if (w.equals("SSL") || w.equals("X509")) {
                parts.add(w);
            } else if (w.equals("ISSUER") || w.equals("SUBJECT") || w.equals("CIPHER")) {
                parts.add(w + " " + at(t, ++i));
            } else if (!w.equals("AND") && !w.equals("NONE")) {
                break;
            }
        }
        if (!parts.isEmpty()) {
            out.add("ROLE: REQUIRE " + String.join(" ", parts));
        }
        return i;
    }

    /** After {@code PASSWORD}: {@code EXPIRE …}, {@code HISTORY n}, {@code REUSE INTERVAL n DAY}, {@code REQUIRE CURRENT …}. */
    private static int passwordOption(List<String> t, int i, SortedSet<String> out) {
        String option = word(t, i);
        int end = switch (option) {
            case "EXPIRE" -> switch (word(t, i + 1)) {
                case "DEFAULT", "NEVER" -> i + 2;
                case "INTERVAL" -> i + 4;
                default -> i + 1; // expired now
            };
            case "HISTORY" -> i + 2;
            case "REUSE" -> word(t, i + 2).equals("DEFAULT") ? i + 3 : i + 4;
            case "REQUIRE" -> Set.of("DEFAULT", "OPTIONAL").contains(word(t, i + 2)) ? i + 3 : i + 2;
            default -> i + 1;
        };
        List<String> words = new ArrayList<>();
        for (int k = i; k < end && k < t.size(); k++) {
            words.add(word(t, k));
        }
        if (!words.isEmpty() && !words.get(words.size() - 1).equals("DEFAULT")) {
            out.add("ROLE: PASSWORD " + String.join(" ", words));
        }
        return end;
    }

    private static int defaultRoles(List<String> t, int i, SortedSet<String> out) {
        while (i < t.size()) {
            String role = at(t, i++);
            if (at(t, i).equals("@")) {
                role += "@" + at(t, i + 1);
                i += 2;
            }
            out.add("ROLE: DEFAULT ROLE " + role);
            if (!at(t, i).equals(",")) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Splits {@code SHOW CREATE USER} output into words, quoted values ({@code '…'}, {@code "…"}, {@code `…`}, kept
     * with their quotes), {@code ,}, {@code @} and MySQL's {@code <secret>}.
     */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int n = text == null ? 0 : text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int start = i++;
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                while (i < n) {
                    char d = text.charAt(i++);
                    if (d == '\\' && c != '`') {
                        i++;
                    } else if (d == c) {
                        if (i < n && text.charAt(i) == c) {
                            i++;
                        } else {
                            break;
                        }
                    }
                }
            } else if (c == '<') {
                int close = text.indexOf('>', i);
                i = close < 0 ? n : close + 1;
            } else if (c != ',' && c != '@') {
                while (i < n && !Character.isWhitespace(text.charAt(i)) && ",@'\"`".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
            }
            out.add(text.substring(start, Math.min(i, n)));
        }
        return out;
    }

    private static String at(List<String> tokens, int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : "";
    }

    private static String word(List<String> tokens, int i) {
        return at(tokens, i).toUpperCase(Locale.ROOT);
    }

    private static String unquote(String token) {
        return token.length() >= 2 && "'\"`".indexOf(token.charAt(0)) >= 0 ? token.substring(1, token.length() - 1) : token;
    }



}
