package org.bluegreen.testkit.db;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Unique, lower-case identifiers for users, roles and databases that tests create on a shared server. */
public final class DbNames {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Keeps names within MySQL's 32-character user names (MariaDB allows 80, PostgreSQL 63). */
    private static final int MAX_PREFIX = 20;

    private DbNames() {
    }

    /**
     * {@code prefix} reduced to {@code [a-z0-9_]} (at most 20 characters), an underscore and ten random hex
     * digits, e.g. {@code app_user_3f9c0a1b2d}. Safe unquoted in PostgreSQL and MySQL.
     */
    public static String unique(String prefix) {
        String clean = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "t" + clean;
        }
        if (clean.length() > MAX_PREFIX) {
            clean = clean.substring(0, MAX_PREFIX);
        }
        byte[] raw = new byte[5];
        RANDOM.nextBytes(raw);
        return clean + "_" + HexFormat.of().formatHex(raw);
    }
}
