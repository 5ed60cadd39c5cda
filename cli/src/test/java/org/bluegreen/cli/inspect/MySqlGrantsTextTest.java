package org.bluegreen.cli.inspect;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * MySqlGrants on text alone: SHOW GRANTS and SHOW CREATE USER lines as MySQL 9.7.4 and MariaDB 10.11.19 printed them
 * (copied from those servers), including forms the live tests cannot make on every server.
 */
class MySqlGrantsTextTest {

    @Test
    void mySql8GrantFormsAreNormalised() {
        SortedSet<String> lines = new TreeSet<>();
        for (String line : List.of(
                "GRANT USAGE ON *.* TO `app_blue`@`%`",
                "GRANT SELECT, INSERT ON `app`.* TO `app_blue`@`%`",
                "GRANT APPLICATION_PASSWORD_ADMIN ON *.* TO `app_blue`@`%`",
                "REVOKE INSERT ON `mysql`.* FROM `app_blue`@`%`",
                "GRANT `app_rw`@`%`,`app_ro`@`%` TO `app_blue`@`%` WITH ADMIN OPTION",
                "GRANT SELECT ON `other`.* TO `someone_else`@`%`")) {
            MySqlGrants.normalise(line, "app_blue", lines);
        }
        assertEquals(new TreeSet<>(List.of(
                "ON `app`.*: INSERT", "ON `app`.*: SELECT", "ON *.*: APPLICATION_PASSWORD_ADMIN",
                "PARTIAL REVOKE ON `mysql`.*: INSERT",
                "ROLE: MEMBER OF `app_ro`@`%` WITH ADMIN OPTION", "ROLE: MEMBER OF `app_rw`@`%` WITH ADMIN OPTION")), lines);
    }

    /** The options after MariaDB's TO clause come from SHOW CREATE USER; the hash in it never leaves. */
    @Test
    void mariaDbsGrantLineContributesNoOptionsAndNoHash() {
        SortedSet<String> lines = new TreeSet<>();
        MySqlGrants.normalise("GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED VIA mysql_native_password USING '*756775C573E4F189B0132F542E1A14BC4F37ACFE'"
                + " OR unix_socket REQUIRE SSL WITH MAX_QUERIES_PER_HOUR 10", "u", lines);
        assertEquals(new TreeSet<>(), lines);
    }

    @Test
    void mySqlAccountOptions() {
        assertEquals(List.of("ROLE: ACCOUNT LOCK", "ROLE: AUTHENTICATION caching_sha2_password", "ROLE: PASSWORD EXPIRE",
                        "ROLE: PASSWORD HISTORY 3", "ROLE: PASSWORD REQUIRE CURRENT OPTIONAL", "ROLE: PASSWORD REUSE INTERVAL 10 DAY"),
                options("CREATE USER `e1`@`%` IDENTIFIED WITH 'caching_sha2_password' AS 0x244124303041241E59101565220D1D545B3E"
                        + " REQUIRE NONE PASSWORD EXPIRE ACCOUNT LOCK PASSWORD HISTORY 3 PASSWORD REUSE INTERVAL 10 DAY"
                        + " PASSWORD REQUIRE CURRENT OPTIONAL"));
        assertEquals(List.of("ROLE: AUTHENTICATION caching_sha2_password", "ROLE: FAILED_LOGIN_ATTEMPTS 2",
                        "ROLE: MAX_QUERIES_PER_HOUR 7", "ROLE: PASSWORD EXPIRE NEVER", "ROLE: PASSWORD_LOCK_TIME UNBOUNDED",
                        "ROLE: REQUIRE CIPHER 'EDH' ISSUER '/C=FI' SUBJECT '/CN=x'"),
                options("CREATE USER `e2`@`%` IDENTIFIED WITH 'caching_sha2_password' AS 0x2441243030412 REQUIRE SUBJECT"
                        + " '/CN=x' ISSUER '/C=FI' CIPHER 'EDH' WITH MAX_QUERIES_PER_HOUR 7 PASSWORD EXPIRE NEVER ACCOUNT"
                        + " UNLOCK PASSWORD HISTORY DEFAULT PASSWORD REUSE INTERVAL DEFAULT PASSWORD REQUIRE CURRENT DEFAULT"
                        + " FAILED_LOGIN_ATTEMPTS 2 PASSWORD_LOCK_TIME UNBOUNDED ATTRIBUTE '{\"comment\": \"x\"}'"));
        // As the user itself (no SELECT on mysql): the hash shows as <secret>; two default roles.
        assertEquals(List.of("ROLE: AUTHENTICATION caching_sha2_password", "ROLE: DEFAULT ROLE `r1`@`%`",
                        "ROLE: DEFAULT ROLE `r2`@`%`", "ROLE: PASSWORD REQUIRE CURRENT"),
                options("CREATE USER `u2`@`%` IDENTIFIED WITH 'caching_sha2_password' AS <secret> DEFAULT ROLE"
                        + " `r1`@`%`,`r2`@`%` REQUIRE NONE PASSWORD EXPIRE DEFAULT ACCOUNT UNLOCK PASSWORD HISTORY DEFAULT"
                        + " PASSWORD REUSE INTERVAL DEFAULT PASSWORD REQUIRE CURRENT"));
        // Multifactor (8.0.27+) and an option this reader does not know yet.
        assertEquals(List.of("ROLE: AUTHENTICATION caching_sha2_password AND authentication_ldap_sasl", "ROLE: SOMETHING_NEW"),
                options("CREATE USER `m`@`%` IDENTIFIED WITH 'caching_sha2_password' AS 0x2441 AND IDENTIFIED WITH"
                        + " 'authentication_ldap_sasl' AS 'cn=m' REQUIRE NONE SOMETHING_NEW 0x1234 'quoted'"));
    }

    @Test
    void mariaDbAccountOptions() {
        assertEquals(List.of("ROLE: ACCOUNT LOCK", "ROLE: AUTHENTICATION mysql_native_password",
                        "ROLE: MAX_STATEMENT_TIME 3.000000", "ROLE: MAX_USER_CONNECTIONS 5",
                        "ROLE: PASSWORD EXPIRE INTERVAL 90 DAY", "ROLE: REQUIRE SSL"),
                options("CREATE USER `m1`@`%` IDENTIFIED BY PASSWORD '*2B602296A79E0A8784ACC5C88D92E46588CCA3C3' REQUIRE SSL"
                        + " WITH MAX_USER_CONNECTIONS 5 MAX_STATEMENT_TIME 3.000000 ACCOUNT LOCK PASSWORD EXPIRE INTERVAL 90 DAY"));
        assertEquals(List.of("ROLE: AUTHENTICATION mysql_native_password OR unix_socket",
                        "ROLE: REQUIRE ISSUER '/C=FI' SUBJECT '/CN=x'"),
                options("CREATE USER `m2`@`%` IDENTIFIED VIA mysql_native_password USING '*B69027D44F6E5EDC07F1AEAD1477967B16F28227'"
                        + " OR unix_socket REQUIRE ISSUER '/C=FI' SUBJECT '/CN=x'"));
        assertEquals(List.of(), options("CREATE USER `m3`@`%`"));
        assertEquals(List.of("ROLE: AUTHENTICATION mysql_native_password", "ROLE: PASSWORD EXPIRE"),
                options("CREATE USER `m4`@`%` IDENTIFIED BY PASSWORD '*667F407DE7C6AD07358FA38DAED7828A72014B4E' PASSWORD EXPIRE"));
    }

    /** Quotes, backslashes and clause words inside names and hashes end nothing early. */
    @Test
    void namesAndHashesThatLookLikeClausesAreSkipped() {
        List<String> lines = options("CREATE USER `a`` ACCOUNT LOCK`@`h REQUIRE SSL` IDENTIFIED VIA ed25519 USING"
                + " 'x\\' ACCOUNT LOCK '' PASSWORD EXPIRE' REQUIRE X509");
        assertEquals(List.of("ROLE: AUTHENTICATION ed25519", "ROLE: REQUIRE X509"), lines);
        assertFalse(String.join(" ", lines).contains("LOCK"));
    }

    private static List<String> options(String showCreateUser) {
        SortedSet<String> out = new TreeSet<>();
        MySqlGrants.accountOptions(showCreateUser, out);
        return List.copyOf(out);
    }
}
