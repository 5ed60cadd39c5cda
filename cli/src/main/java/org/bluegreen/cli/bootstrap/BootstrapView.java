package org.bluegreen.cli.bootstrap;

import org.bluegreen.cli.bootstrap.BootstrapPlan.SlotFinding;
import org.bluegreen.cli.output.Json;
import org.bluegreen.cli.pair.RuleRefusal;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** The bootstrap report: what was found, what will be (or was) done, and what the operator must run. Never a password. */
public final class BootstrapView {

    private BootstrapView() {
    }

    public static String text(BootstrapPlan plan, List<Bootstrap.Applied> applied, boolean yes) {
        StringBuilder out = new StringBuilder("Found\n");
        plan.slots().forEach(s -> out.append("  - ").append(s.role()).append(": ").append(s.finding()).append('\n'));
        if (plan.blocked()) {
            out.append("\nCannot bootstrap\n");
            plan.refusals().forEach(r -> out.append("  - ").append(r.line()).append('\n'));
            plan.blockers().forEach(b -> out.append("  - ").append(b).append('\n'));
        }
        List<SlotFinding> actions = plan.actions();
        if (!actions.isEmpty()) {
            out.append('\n').append(yes && !plan.blocked() ? "Did" : "Plan").append('\n');
            for (int i = 0; i < actions.size(); i++) {
                out.append("  ").append(i + 1).append(". ").append(describe(actions.get(i))).append('\n');
                if (i < applied.size()) {
                    out.append("     ").append(applied.get(i).ok() ? "done: " : "FAILED: ").append(applied.get(i).outcome()).append('\n');
                }
            }
        }
        List<SlotFinding> manual = plan.manual();
        if (!manual.isEmpty()) {
            out.append("\nRun yourself (self-service mode: only the database's master user can set a password that no user knows yet)\n");
            for (int i = 0; i < manual.size(); i++) {
                List<String> lines = manualSteps(manual.get(i));
                out.append("  ").append(i + 1).append(". ").append(lines.get(0)).append('\n');
                lines.subList(1, lines.size()).forEach(l -> out.append("     ").append(l).append('\n'));
            }
        }
        out.append('\n');
        if (Bootstrap.ready(plan, applied)) {
            out.append("Both users log in with their secrets: the pair is ready for its first rotation.\n");
        } else if (plan.blocked()) {
            out.append("Nothing changed: resolve what blocks the bootstrap first.\n");
        } else if (!yes && !actions.isEmpty()) {
            out.append("Nothing changed. Run again with --yes to apply the plan.\n");
        } else if (!manual.isEmpty()) {
            out.append("Then run this command again to check.\n");
        } else {
            out.append("Not ready: see what failed above.\n");
        }
        return out.toString();
    }

    public static String json(BootstrapPlan plan, List<Bootstrap.Applied> applied, boolean yes) {
        List<Object> slots = new ArrayList<>();
        List<SlotFinding> actions = plan.actions();
        for (SlotFinding s : plan.slots()) {
            int i = actions.indexOf(s);
            String status = i < 0 ? s.need().name().toLowerCase(Locale.ROOT)
                    : i < applied.size() ? (applied.get(i).ok() ? "done" : "failed") : "planned";
            Map<String, Object> slot = Json.object("role", s.role().toString(), "secret", s.secret(),
                    "user", s.user() == null ? null : s.user().username(),
                    "endpoint", s.user() == null ? null : DatabaseAccess.endpointValue(s.user()), "finding", s.finding(),
                    "fieldsToWrite", s.fieldsToWrite(), "status", status);
            if (i >= 0 && i < applied.size()) {
                slot.put("outcome", applied.get(i).outcome());
            }
            if (s.need() == BootstrapPlan.Need.OPERATOR_SETS_PASSWORD) {
                slot.put("manual", manualSteps(s));
            }
            slots.add(slot);
        }
        return Json.write(Json.object("applied", !applied.isEmpty(), "ready", Bootstrap.ready(plan, applied),
                "slots", slots, "blockers", plan.blockers(), "refusals", plan.refusals().stream().map(RuleRefusal::json).toList()));
    }

    private static String describe(SlotFinding s) {
        String write = s.fieldsToWrite().isEmpty() ? "" : "write a new AWSCURRENT version of " + s.secret()
                + " holding the stack's " + String.join(", ", s.fieldsToWrite()) + " and its unchanged password, after"
                + " proving that password logs in at " + DatabaseAccess.endpoint(s.user())
                + (s.activeSecret() != null ? " (and the same value on the active secret " + s.activeSecret() + ")" : "");
        if (s.need() != BootstrapPlan.Need.ADMIN_SETS_PASSWORD) {
            return write;
        }
        boolean postgres = isPostgres(s.user());
        return (write.isEmpty() ? "" : "first ") + "set the password of " + quote(s.user().username()) + " at " + DatabaseAccess.endpoint(s.user())
                + " to AWSCURRENT of " + s.secret() + ", as admin " + quote(s.admin().secret().username()) + " ("
                + (postgres ? "a SCRAM-SHA-256 verifier computed here: the password never reaches the server"
                : "the password's hash for a mysql_native_password account, else the statement the rotation uses (docs/mysql.md)")
                + ")" + (write.isEmpty() ? "" : "; then " + write);
    }

    /** Exactly what the operator runs for one user: read the password into the client's prompt, never onto a command line. */
    static List<String> manualSteps(SlotFinding s) {
        DbSecret u = s.user();
        String read = "aws secretsmanager get-secret-value --secret-id '" + s.secret()
                + "' --query SecretString --output text | jq -r .password    # shows it: paste it at the prompt below";
        String tls = u.ssl() ? "require" : "disable";
        if (isPostgres(u)) {
            return List.of("set the password of " + quote(u.username()) + " to AWSCURRENT of " + s.secret() + ":",
                    read,
                    "psql \"host=" + u.host() + " port=" + (u.port() == 0 ? 5432 : u.port()) + " dbname="
                            + (u.dbname() == null ? "postgres" : u.dbname()) + " user=<master user> sslmode=" + tls
                            + "\" -c '\\password " + u.username() + "'",
                    "(paste at the prompt: psql sends only a SCRAM verifier)");
        }
        return List.of("set the password of " + quote(u.username()) + " to AWSCURRENT of " + s.secret() + ":",
                read,
                "mysql -h " + u.host() + " -P " + (u.port() == 0 ? 3306 : u.port()) + " -u <master user> -p --ssl-mode="
                        + (u.ssl() ? "REQUIRED" : "DISABLED"),
                "mysql> ALTER USER '" + u.username() + "'@'<host part>' IDENTIFIED BY '<paste>';"
                        + "    -- host part: SELECT Host FROM mysql.user WHERE User = '" + u.username() + "';");
    }

    private static boolean isPostgres(DbSecret s) {
        return Engines.family(s.engine()) == Engines.Family.POSTGRESQL;
    }
}
