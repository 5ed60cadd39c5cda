package org.bluegreen.rotator.log;

/**
 * The one way a value read from outside (a secret field, a tag, an event, the environment) goes into a message:
 * quoted, so a reader sees where it starts and ends; escaped, so it cannot forge a log line (newline, carriage
 * return), hide itself (control and format characters) or reorder the text around it (bidi controls); and
 * bounded, so a huge field cannot flood a log. Passwords and the RotationToken never go through here: they stay out
 * of messages altogether, and the {@link Redactor} masks them where a driver quotes one anyway.
 */
public final class Untrusted {

    /** Longer values are cut here (never inside a surrogate pair) and marked with how much was left out. */
    static final int MAX_CHARS = 120;

    private Untrusted() {
    }

    /**
     * {@code 'value'} with {@code \} and {@code '} backslash-escaped, tab, newline and carriage return as
     * {@code \t \n \r}, and every other control, format (bidi controls among them), line or paragraph separator
     * and lone surrogate as {@code \}{@code uXXXX}; {@code null} for null.
     */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int end = text.length() <= MAX_CHARS ? text.length()
                : Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        String quoted = "'" + escape(text.substring(0, end)) + "'";
        return end == text.length() ? quoted : quoted + "... (" + (text.length() - end) + " more characters)";
    }

    /** The value as {@link #quote} shows it inside the quotes, uncut: what the {@link Redactor} must also mask. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (hidden(cp)) {
                        for (int j = i; j < next; j++) {
                            out.append(String.format("\\u%04X", (int) text.charAt(j)));
                        }
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
            i = next;
        }
        return out.toString();
    }

    /** C0, DEL and C1 controls; format characters (bidi controls, zero-width ones); U+2028/U+2029; lone surrogates. */
    private static boolean hidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> false;
        };
    }
}
