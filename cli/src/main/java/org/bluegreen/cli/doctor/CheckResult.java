package org.bluegreen.cli.doctor;

import java.util.List;

/**
 * One line of the doctor's report.
 *
 * @param message what was found, naming the secret, user, parameter or service
 * @param fix     one line saying what to do, or null for PASS
 * @param details extra lines (e.g. every differing grant), shown indented and in the JSON
 */
public record CheckResult(String check, Level level, String message, String fix, List<String> details) {

    public static CheckResult pass(String check, String message) {
        return new CheckResult(check, Level.PASS, message, null, List.of());
    }

    public static CheckResult warn(String check, String message, String fix) {
        return new CheckResult(check, Level.WARN, message, fix, List.of());
    }

    public static CheckResult fail(String check, String message, String fix) {
        return new CheckResult(check, Level.FAIL, message, fix, List.of());
    }

    public CheckResult withDetails(List<String> lines) {
        return new CheckResult(check, level, message, fix, List.copyOf(lines));
    }
}
