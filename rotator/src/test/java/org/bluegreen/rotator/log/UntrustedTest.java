package org.bluegreen.rotator.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UntrustedTest {

    @Test
    void plainValuesAreQuotedAsTheyAre() {
        assertEquals("'app-blue'", Untrusted.quote("app-blue"));
        assertEquals("'db.example.com:5432/app'", Untrusted.quote("db.example.com:5432/app"));
        assertEquals("'Grüße 数据库 \uD83D\uDE00'", Untrusted.quote("Grüße 数据库 \uD83D\uDE00"));
        assertEquals("'42'", Untrusted.quote(42));
        assertEquals("null", Untrusted.quote(null));
    }

    @Test
    void lineBreaksAndTabsAreEscapedSoNoLogLineCanBeForged() {
        assertEquals("'127.0.0.1\\n'", Untrusted.quote("127.0.0.1\n"));
        assertEquals("'a\\r\\nINFO forged\\tline'", Untrusted.quote("a\r\nINFO forged\tline"));
        assertEquals("'a\\u2028b\\u2029c\\u0085d'", Untrusted.quote("a\u2028b\u2029c\u0085d"));
    }

    @Test
    void quotesAndBackslashesAreEscapedSoTheValueEndsWhereItSays() {
        assertEquals("'x\\' is fine, \\'y'", Untrusted.quote("x' is fine, 'y"));
        assertEquals("'a\\\\nb'", Untrusted.quote("a\\nb"), "a literal backslash-n stays distinct from a newline");
    }

    @Test
    void otherControlsAndBidiAndFormatCharactersBecomeUnicodeEscapes() {
        assertEquals("'\\u0000\\u0007\\u001B[31m\\u007F\\u009B'", Untrusted.quote("\u0000\u0007\u001b[31m\u007f\u009b"));
        // RLO and friends would reorder what a reader sees; zero-width and BOM would hide characters
        assertEquals("'user\\u202Egpj.exe\\u202C'", Untrusted.quote("user\u202Egpj.exe\u202C"));
        assertEquals("'\\u061C\\u200E\\u200F\\u202A\\u202B\\u202D\\u2066\\u2067\\u2068\\u2069'",
                Untrusted.quote("\u061C\u200E\u200F\u202A\u202B\u202D\u2066\u2067\u2068\u2069"));
        assertEquals("'a\\u200Bb\\uFEFF'", Untrusted.quote("a\u200Bb\uFEFF"));
        // a format character outside the BMP (a tag character) shows as its two UTF-16 halves
        assertEquals("'\\uDB40\\uDC01'", Untrusted.quote("\uDB40\uDC01"));
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertEquals("'a\\uD800b\\uDC00'", Untrusted.quote("a\uD800b\uDC00"));
    }

    @Test
    void longValuesAreCutWithAMarkerSayingHowMuchWasLeftOut() {
        String quoted = Untrusted.quote("h".repeat(10_000));
        assertEquals("'" + "h".repeat(Untrusted.MAX_CHARS) + "'... (" + (10_000 - Untrusted.MAX_CHARS) + " more characters)", quoted);
        assertEquals("'" + "h".repeat(Untrusted.MAX_CHARS) + "'", Untrusted.quote("h".repeat(Untrusted.MAX_CHARS)));
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String value = "x".repeat(Untrusted.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
        String quoted = Untrusted.quote(value);
        assertTrue(quoted.startsWith("'" + "x".repeat(Untrusted.MAX_CHARS - 1) + "'... (6 more characters)"), quoted);
        assertFalse(quoted.contains("\uD83D"), quoted);
    }

    @Test
    void theBoundAppliesToTheValueNotToItsEscapedForm() {
        String quoted = Untrusted.quote("\n".repeat(Untrusted.MAX_CHARS + 1));
        assertEquals("'" + "\\n".repeat(Untrusted.MAX_CHARS) + "'... (1 more characters)", quoted);
    }
}
