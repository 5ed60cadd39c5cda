package org.bluegreen.rotator.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Quoting for the MySQL family, where account names and passwords cannot be bound as statement parameters
 * ({@code ALTER USER} and {@code SET PASSWORD} take no placeholders).
 *
 * <ul>
 *   <li>Account names are quoted as identifiers, in backquotes: inside them only a backquote is special (it is
 *       doubled), whatever the {@code sql_mode}; a backslash is an ordinary character.</li>
 *   <li>String literals depend on {@code NO_BACKSLASH_ESCAPES}: without it a backslash escapes the next
 *       character, with it a backslash is literal. The caller reads the session's {@code sql_mode} and says
 *       which applies; a quote is doubled in both modes.</li>
 * </ul>
 * Control characters (NUL included) are refused rather than escaped: no generated password contains them, and
 * the messages never show the value.
 */
final class MySqlSql {

    private MySqlSql() {
    }

    /** {@code `name`} with backquotes doubled. */
    static String ident(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an empty account name part cannot be quoted");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an account name part contains a NUL character");
        }
        return '`' + name.replace("`", "``") + '`';
    }

    /**
     * {@code `user`@`host`}; an empty host (MariaDB uses it for roles) is written {@code ''}, which needs no
     * escaping in either mode.
     */
    static String account(String user, String host) {
        return ident(user) + "@" + (host.isEmpty() ? "''" : ident(host));
    }

    /**
     * A string literal in single quotes for a session whose {@code sql_mode} does or does not contain
     * {@code NO_BACKSLASH_ESCAPES}.
     *
     * @param what names the value in the error message (never the value itself)
     */
    static String literal(String value, boolean noBackslashEscapes, String what) {
        StringBuilder out = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                throw new IllegalArgumentException(what + " contains a control character, which is not supported");
            }
            if (ch == '\'') {
                out.append("''");
            } else if (ch == '\\' && !noBackslashEscapes) {
                out.append("\\\\");
            } else {
                out.append(ch);
            }
        }
        return out.append('\'').toString();
    }

    /** True when a {@code sql_mode} value contains {@code NO_BACKSLASH_ESCAPES}. */
    static boolean noBackslashEscapes(String sqlMode) {
        if (sqlMode == null) {
            return false;
        }
        for (String mode : sqlMode.split(",")) {
            if (mode.trim().equalsIgnoreCase("NO_BACKSLASH_ESCAPES")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code mysql_native_password} hash of a password: {@code '*'} and the upper-case hex of
     * SHA1(SHA1(password)), the password in UTF-8 (what the server's {@code PASSWORD()} returns, and what the
     * driver hashes at login with {@code passwordCharacterEncoding=UTF-8}). Only {@code *0-9A-F}: it needs no
     * escaping.
     */
    static String nativePasswordHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] twice = sha1.digest(once);
            java.util.Arrays.fill(once, (byte) 0);
            return "*" + HexFormat.of().withUpperCase().formatHex(twice);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** {@code host:port} as PROCESSLIST shows a TCP client, without the port; other values unchanged. */
    static String clientHost(String processlistHost) {
        if (processlistHost == null || processlistHost.isEmpty()) {
            return "unknown";
        }
        int colon = processlistHost.lastIndexOf(':');
        if (colon > 0 && colon < processlistHost.length() - 1) {
            String port = processlistHost.substring(colon + 1);
            if (port.chars().allMatch(Character::isDigit)) {
                String host = processlistHost.substring(0, colon);
                // [::1]:5000 as some versions write IPv6 clients
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return host;
            }
        }
        return processlistHost;
    }

    /**
     * Compares a server's {@code VERSION()} ({@code 8.0.39}, {@code 9.7.4-2}, {@code 10.11.19-MariaDB-0+deb12u1},
     * {@code 8.0.mysql_aurora.3.05.2}) with {@code major.minor.patch}: negative, zero or positive. Missing or
     * non-numeric parts count as 0.
     */
    static int compareVersions(String version, int major, int minor, int patch) {
        int[] wanted = {major, minor, patch};
        String[] parts = version == null ? new String[0] : version.split("[.-]", 4);
        for (int i = 0; i < wanted.length; i++) {
            int have = 0;
            if (i < parts.length) {
                String digits = parts[i].replaceFirst("^(\\d*).*$", "$1");
                have = digits.isEmpty() || digits.length() > 6 ? 0 : Integer.parseInt(digits);
            }
            if (have != wanted[i]) {
                return Integer.compare(have, wanted[i]);
            }
        }
        return 0;
    }
}
