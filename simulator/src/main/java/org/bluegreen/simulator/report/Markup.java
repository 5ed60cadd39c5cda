package org.bluegreen.simulator.report;

/** Escaping for the XHTML/SVG report: text and attribute values. */
final class Markup {

    private Markup() {
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** A coordinate with one decimal, locale-independent. */
    static String num(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }
}
