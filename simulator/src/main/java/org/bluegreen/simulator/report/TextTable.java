package org.bluegreen.simulator.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns; numbers right-aligned. */
final class TextTable {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header, boolean... rightAligned) {
        this.header = header;
        this.rightAligned = rightAligned;
    }

    void add(List<String> row) {
        rows.add(row);
    }

    String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, header, width);
        for (int i = 0; i < width.length; i++) {
            b.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        b.append('\n');
        rows.forEach(r -> line(b, r, width));
        return b.toString();
    }

    private void line(StringBuilder b, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            boolean right = i < rightAligned.length && rightAligned[i];
            String pad = " ".repeat(width[i] - c.length());
            l.append(i == 0 ? "" : "  ").append(right ? pad + c : c + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
