package org.bluegreen.rotator.log;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Knows every sensitive string one invocation has seen (passwords, the rotation token) and masks it wherever it
 * appears. Each step's invocation has its own, and runs its log lines and its outcome's texts through it, so a
 * driver message that happens to quote a statement or a password cannot leak it.
 */
public final class Redactor {

    private static final String MASK = "***";
    /** Shorter strings would mask ordinary words; our passwords and tokens are far longer. */
    private static final int MIN_LENGTH = 6;

    /** Longest first: masking a value inside a longer one first would leave the rest of the longer one readable. */
    private final Set<String> sensitive = new ConcurrentSkipListSet<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    /** Masks the value as written and as {@link Untrusted#quote} would show it (escaped), wherever either appears. */
    public void add(String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            sensitive.add(value);
            sensitive.add(Untrusted.escape(value));
        }
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : sensitive) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
