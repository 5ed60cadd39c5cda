package org.bluegreen.cli.recover;

import org.bluegreen.cli.output.Json;
import org.bluegreen.cli.pair.RuleRefusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The recovery report: what was found, what will be (or was) done, and what is left. */
public final class RecoveryView {

    private RecoveryView() {
    }

    public static String text(RecoveryPlan plan, List<Recovery.Applied> applied, RecoveryPlan after, boolean yes) {
        StringBuilder out = new StringBuilder("Found\n");
        plan.findings().forEach(f -> out.append("  - ").append(f).append('\n'));
        if (plan.blocked()) {
            out.append("\nCannot recover automatically\n");
            plan.refusals().forEach(r -> out.append("  - ").append(r.line()).append('\n'));
            plan.blockers().forEach(b -> out.append("  - ").append(b).append('\n'));
        }
        if (plan.clean()) {
            out.append("\nNothing to recover: no rotation was left unfinished.\n");
            return out.toString();
        }
        if (!plan.actions().isEmpty()) {
            out.append('\n').append(yes && !plan.blocked() ? "Did" : "Plan").append('\n');
            for (int i = 0; i < plan.actions().size(); i++) {
                RecoveryAction a = plan.actions().get(i);
                out.append("  ").append(i + 1).append(". ").append(a.describe()).append('\n');
                if (i < applied.size()) {
                    Recovery.Applied result = applied.get(i);
                    out.append("     ").append(result.ok() ? "done: " : "FAILED: ").append(result.outcome()).append('\n');
                }
            }
        }
        if (!plan.notes().isEmpty()) {
            out.append("\nThen\n");
            plan.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        out.append('\n');
        if (!yes) {
            out.append("Nothing changed. Run again with --yes to apply the plan.\n");
        } else if (plan.blocked()) {
            out.append("Nothing changed: resolve what blocks the recovery first.\n");
        } else if (after != null && after.clean()) {
            out.append("The pair is clean: no unfinished rotation is left.\n");
        } else if (after != null) {
            out.append("Still not clean:\n");
            after.refusals().forEach(r -> out.append("  - ").append(r.line()).append('\n'));
            after.blockers().forEach(b -> out.append("  - ").append(b).append('\n'));
            after.actions().forEach(a -> out.append("  - left to do: ").append(a.describe()).append('\n'));
        }
        return out.toString();
    }

    public static String json(RecoveryPlan plan, List<Recovery.Applied> applied, RecoveryPlan after, boolean yes) {
        List<Object> actions = new ArrayList<>();
        for (int i = 0; i < plan.actions().size(); i++) {
            RecoveryAction a = plan.actions().get(i);
            Map<String, Object> action = Json.object("action", a.kind(), "secret", a.secret(), "version", a.version(),
                    "description", a.describe(), "status", i < applied.size() ? (applied.get(i).ok() ? "done" : "failed") : "planned");
            if (i < applied.size()) {
                action.put("outcome", applied.get(i).outcome());
            }
            actions.add(action);
        }
        return Json.write(Json.object("applied", yes && !plan.blocked() && !plan.actions().isEmpty(),
                "clean", after != null ? after.clean() : plan.clean(),
                "findings", plan.findings(), "actions", actions, "blockers", plan.blockers(), "notes", plan.notes(),
                "refusals", plan.refusals().stream().map(RuleRefusal::json).toList()));
    }
}
