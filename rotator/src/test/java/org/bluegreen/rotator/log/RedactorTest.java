package org.bluegreen.rotator.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactorTest {

    @Test
    void aValueContainingAnotherIsMaskedWholeWhateverTheOrderAdded() {
        for (boolean shortFirst : new boolean[] {true, false}) {
            Redactor redactor = new Redactor();
            if (shortFirst) {
                redactor.add("secret");
                redactor.add("my-secret-password-tail");
            } else {
                redactor.add("my-secret-password-tail");
                redactor.add("secret");
            }
            // masking "secret" first would leave "my-***-password-tail", a readable part of the longer password
            assertEquals("login with *** failed; old was ***", redactor.redact("login with my-secret-password-tail failed; old was secret"));
        }
    }

    @Test
    void aPasswordIsMaskedAlsoInTheEscapedFormAQuotedMessageShowsIt() {
        Redactor redactor = new Redactor();
        redactor.add("pa'ss\nword");
        String message = "host " + Untrusted.quote("pa'ss\nword") + " is not a host name";
        assertEquals("host '***' is not a host name", redactor.redact(message));
    }

    @Test
    void shortStringsAreNeverMasked() {
        Redactor redactor = new Redactor();
        redactor.add("abc");
        redactor.add("long-enough-value");
        assertEquals("abc ***", redactor.redact("abc long-enough-value"));
    }
}
