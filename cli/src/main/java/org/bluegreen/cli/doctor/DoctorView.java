package org.bluegreen.cli.doctor;

import org.bluegreen.cli.output.Json;

import java.util.List;
import java.util.Map;

/** The doctor's report: one line per result with its fix underneath, or JSON. */
public final class DoctorView {

    private DoctorView() {
    }

    public static String text(String blueId, String greenId, List<CheckResult> results) {
        int width = results.stream().mapToInt(r -> r.check().length()).max().orElse(0);
        String indent = " ".repeat(4 + 2 + width + 2);
        StringBuilder out = new StringBuilder("Doctor for the pair --blue " + blueId + " --green " + greenId + "\n\n");
        for (CheckResult r : results) {
            out.append(String.format("%-4s  %-" + width + "s  %s%n", r.level(), r.check(), r.message()));
            for (String detail : r.details()) {
                out.append(indent).append("  ").append(detail).append('\n');
            }
            if (r.fix() != null) {
                out.append(indent).append("fix: ").append(r.fix()).append('\n');
            }
        }
        Map<Level, Long> counts = counts(results);
        out.append('\n').append(counts.get(Level.FAIL)).append(" FAIL, ").append(counts.get(Level.WARN)).append(" WARN, ")
                .append(counts.get(Level.PASS)).append(" PASS: ")
                .append(Doctor.ok(results) ? "the next rotation should succeed" : "the next rotation will fail or do harm")
                .append('\n');
        return out.toString();
    }

    public static String json(List<CheckResult> results) {
        return Json.write(jsonObject(results));
    }

    /** The JSON of one pair's report, as an object to embed (in {@code doctor --all --json}). */
    public static Map<String, Object> jsonObject(List<CheckResult> results) {
        Map<Level, Long> counts = counts(results);
        List<Object> checks = results.stream()
                .map(r -> (Object) Json.object("check", r.check(), "status", r.level().name(), "message", r.message(),
                        "fix", r.fix(), "details", r.details()))
                .toList();
        return Json.object("ok", Doctor.ok(results),
                "summary", Json.object("fail", counts.get(Level.FAIL), "warn", counts.get(Level.WARN), "pass", counts.get(Level.PASS)),
                "checks", checks);
    }

    private static Map<Level, Long> counts(List<CheckResult> results) {
        return Map.of(
                Level.PASS, results.stream().filter(r -> r.level() == Level.PASS).count(),
                Level.WARN, results.stream().filter(r -> r.level() == Level.WARN).count(),
                Level.FAIL, results.stream().filter(r -> r.level() == Level.FAIL).count());
    }
}
