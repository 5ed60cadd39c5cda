package org.bluegreen.rotator.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MySqlSqlTest {

    @Test
    void identifiersDoubleBackquotesOnly() {
        assertEquals("`a``b'c\\d\"`", MySqlSql.ident("a`b'c\\d\""));
        assertEquals("`app`@`10.0.%`", MySqlSql.account("app", "10.0.%"));
        assertEquals("`role`@''", MySqlSql.account("role", ""));
        assertThrows(IllegalArgumentException.class, () -> MySqlSql.ident(""));
        assertThrows(IllegalArgumentException.class, () -> MySqlSql.ident("a\0b"));
    }

    @Test
    void literalsEscapeForTheSessionsMode() {
        assertEquals("'it''s \\\\ here'", MySqlSql.literal("it's \\ here", false, "v"));
        assertEquals("'it''s \\ here'", MySqlSql.literal("it's \\ here", true, "v"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MySqlSql.literal("top\nsecret", false, "the new password"));
        assertEquals("the new password contains a control character, which is not supported", e.getMessage());
    }

    @Test
    void readsNoBackslashEscapesFromSqlMode() {
        assertTrue(MySqlSql.noBackslashEscapes("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES"));
        assertTrue(MySqlSql.noBackslashEscapes("no_backslash_escapes"));
        assertFalse(MySqlSql.noBackslashEscapes("STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION"));
        assertFalse(MySqlSql.noBackslashEscapes(""));
        assertFalse(MySqlSql.noBackslashEscapes(null));
    }

    @Test
    void nativeHashIsWhatPasswordReturns() {
        // SELECT PASSWORD('secret') on MySQL 5.7 and MariaDB
        assertEquals("*14E65567ABDB5135D0CFD9A70B3032C179A49EE7", MySqlSql.nativePasswordHash("secret"));
    }

    @Test
    void clientHostDropsThePort() {
        assertEquals("10.0.1.7", MySqlSql.clientHost("10.0.1.7:53120"));
        assertEquals("::1", MySqlSql.clientHost("::1:53120"));
        assertEquals("::1", MySqlSql.clientHost("[::1]:53120"));
        assertEquals("localhost", MySqlSql.clientHost("localhost"));
        assertEquals("ip-10-0-1-7.ec2.internal", MySqlSql.clientHost("ip-10-0-1-7.ec2.internal:4000"));
        assertEquals("unknown", MySqlSql.clientHost(null));
    }

    @Test
    void versionsCompareByTheirLeadingNumbers() {
        assertTrue(MySqlSql.compareVersions("9.7.4-2", 8, 0, 13) > 0);
        assertEquals(0, MySqlSql.compareVersions("8.0.13", 8, 0, 13));
        assertTrue(MySqlSql.compareVersions("8.0.12-log", 8, 0, 13) < 0);
        assertTrue(MySqlSql.compareVersions("8.0.23", 8, 0, 22) > 0);
        assertTrue(MySqlSql.compareVersions("5.7.44", 8, 0, 13) < 0);
        assertTrue(MySqlSql.compareVersions("10.11.19-MariaDB-0+deb12u1", 8, 0, 13) > 0);
        assertTrue(MySqlSql.compareVersions("8.0.mysql_aurora.3.04.0", 8, 0, 1) < 0, "a non-number counts as 0");
        assertTrue(MySqlSql.compareVersions(null, 5, 0, 0) < 0);
    }
}
