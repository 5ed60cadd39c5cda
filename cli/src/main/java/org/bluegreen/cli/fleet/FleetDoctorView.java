package org.bluegreen.cli.fleet;

import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.DoctorView;
import org.bluegreen.cli.doctor.Level;
import org.bluegreen.cli.output.Json;
import org.bluegreen.cli.output.Table;

import java.util.ArrayList;
import java.util.List;

/** {@code doctor --all}: one line per pair (its worst result first), then the secrets that make no pair. */
public final class FleetDoctorView {

    private FleetDoctorView() {
    }

    public static String text(List<FleetDoctor.PairReport> reports, List<Inventory.Problem> problems) {
        Table table = new Table("RESULT", "APP (POINTER PARAMETER)", "SECRETS", "FAIL", "WARN", "PASS", "FIRST PROBLEM");
        for (FleetDoctor.PairReport r : reports) {
            table.row(r.level(), r.found().app(), r.found().pair().blue().name() + " " + r.found().pair().green().name(),
                    r.count(Level.FAIL), r.count(Level.WARN), r.count(Level.PASS), firstProblem(r.results()));
        }
        for (Inventory.Problem p : problems) {
            table.row(Level.FAIL, "(no pair)", String.join(" ", p.secrets()), "", "", "", p.message());
        }
        long failing = reports.stream().filter(r -> r.level() == Level.FAIL).count();
        long warning = reports.stream().filter(r -> r.level() == Level.WARN).count();
        return table.render() + "\n" + reports.size() + " pair(s): " + failing + " FAIL, " + warning + " WARN, "
                + (reports.size() - failing - warning) + " PASS; " + problems.size() + " secret group(s) make no pair"
                + (ok(reports, problems) ? "\n" : ": run `bluegreen doctor --blue ... --green ...` on a pair for the details and fixes\n");
    }

    public static String json(List<FleetDoctor.PairReport> reports, List<Inventory.Problem> problems) {
        List<Object> pairs = new ArrayList<>();
        for (FleetDoctor.PairReport r : reports) {
            pairs.add(Json.object("app", r.found().app(), "blue", r.found().pair().blue().name(),
                    "green", r.found().pair().green().name(), "status", r.level().name(),
                    "report", DoctorView.jsonObject(r.results())));
        }
        List<Object> problemList = problems.stream()
                .map(p -> (Object) Json.object("secrets", p.secrets(), "problem", p.message()))
                .toList();
        return Json.write(Json.object("ok", ok(reports, problems), "pairs", pairs, "problems", problemList));
    }

    public static boolean ok(List<FleetDoctor.PairReport> reports, List<Inventory.Problem> problems) {
        return problems.isEmpty() && reports.stream().noneMatch(r -> r.level() == Level.FAIL);
    }

    /** The first FAIL, else the first WARN, as {@code check: message}; empty when all passed. */
    private static String firstProblem(List<CheckResult> results) {
        for (Level level : List.of(Level.FAIL, Level.WARN)) {
            for (CheckResult r : results) {
                if (r.level() == level) {
                    return r.check() + ": " + r.message();
                }
            }
        }
        return "";
    }
}
