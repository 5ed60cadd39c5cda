package org.bluegreen.cli.fleet;

import org.bluegreen.cli.output.Json;
import org.bluegreen.cli.output.Table;
import org.bluegreen.cli.output.Times;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.status.StatusView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code bluegreen list}: one block of two lines per pair, then the secrets that do not make a pair. */
public final class ListView {

    /** A found pair with its pointer as read now, or the error that kept it from being read. */
    public record Row(FoundPair found, PointerState pointer, String pointerError) {

        /** The slot the pointer names, if it names one of the pair's. */
        public Optional<Slot> live() {
            return pointer == null ? Optional.empty() : found.pair().named(pointer.slot());
        }
    }

    private ListView() {
    }

    public static String text(List<Row> rows, List<Inventory.Problem> problems) {
        Table table = new Table("APP (POINTER PARAMETER)", "POINTER", "SLOT", "SECRET", "LIVE", "ROTATION", "LAST ROTATED",
                "NEXT ROTATION", "PENDING", "FUNCTION");
        for (Row row : rows) {
            boolean first = true;
            for (Role role : Role.values()) {
                Slot slot = row.found().pair().get(role);
                RotationSchedule r = row.found().rotation(role);
                table.row(first ? row.found().app() : "",
                        first ? (row.pointer() != null ? row.pointer().slot() : "unreadable") : "",
                        slot.pointerValue(), slot.name(), row.live().filter(slot::equals).isPresent() ? "live" : "",
                        r.enabled() ? r.schedule() : "off", Times.at(r.lastRotated()), Times.at(r.nextRotation()),
                        slot.meta().unfinishedRotation().orElse(""),
                        StatusView.functionName(r.lambdaArn()) + (role == Role.GREEN && !row.found().sameFunction() ? " (differs!)" : ""));
                first = false;
            }
        }
        StringBuilder out = new StringBuilder(table.render());
        for (Row row : rows) {
            if (row.pointerError() != null) {
                out.append("pointer of ").append(row.found().app()).append(": ").append(row.pointerError()).append('\n');
            }
        }
        out.append('\n').append(rows.size()).append(" pair(s)");
        if (problems.isEmpty()) {
            out.append(", no secret left over\n");
        } else {
            out.append("; ").append(problems.size()).append(" problem(s):\n");
            for (Inventory.Problem p : problems) {
                out.append("  ").append(p.message()).append('\n');
            }
        }
        return out.toString();
    }

    public static String json(List<Row> rows, List<Inventory.Problem> problems) {
        List<Object> pairs = new ArrayList<>();
        for (Row row : rows) {
            List<Object> slots = new ArrayList<>();
            for (Role role : Role.values()) {
                Slot slot = row.found().pair().get(role);
                RotationSchedule r = row.found().rotation(role);
                slots.add(Json.object("slot", slot.pointerValue(), "secret", slot.name(), "arn", slot.arn(),
                        "live", row.live().filter(slot::equals).isPresent(), "rotationEnabled", r.enabled(),
                        "schedule", r.enabled() ? r.schedule() : null, "function", r.lambdaArn(),
                        "lastRotated", r.lastRotated(), "nextRotation", r.nextRotation(),
                        "pendingVersion", slot.meta().unfinishedRotation().orElse(null)));
            }
            pairs.add(Json.object("app", row.found().app(), "pointerParameter", row.found().pair().pointerParameter(),
                    "pointer", row.pointer() == null ? null : row.pointer().slot(), "pointerError", row.pointerError(),
                    "liveSecret", row.live().map(Slot::name).orElse(null), "sameFunction", row.found().sameFunction(),
                    "cluster", row.found().pair().cluster(), "services", row.found().pair().services(), "slots", slots));
        }
        List<Object> problemList = problems.stream()
                .map(p -> (Object) Json.object("secrets", p.secrets(), "problem", p.message()))
                .toList();
        return Json.write(Json.object("pairs", pairs, "problems", problemList));
    }
}
