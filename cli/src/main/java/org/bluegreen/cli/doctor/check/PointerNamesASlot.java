package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.output.Times;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.aws.PointerState;

import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** The pointer exists and names one of the two slots: the rotation guards decide everything from it. */
public final class PointerNamesASlot implements Check {

    @Override
    public String name() {
        return "pointer";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        Pair pair = facts.pair();
        String setIt = "aws ssm put-parameter --name " + pair.pointerParameter() + " --type String --overwrite --value <"
                + pair.blue().pointerValue() + "|" + pair.green().pointerValue() + ", the slot the app uses now>";
        PointerState pointer;
        try {
            pointer = facts.pointer();
        } catch (NotChecked e) {
            return List.of(CheckResult.fail(name(), e.getMessage(), setIt));
        }
        Optional<Slot> live = pair.named(pointer.slot());
        if (live.isEmpty()) {
            return List.of(CheckResult.fail(name(), quote(pointer.name()) + " = " + quote(pointer.slot()) + ", which names neither slot ("
                    + quote(pair.blue().pointerValue()) + ", " + quote(pair.green().pointerValue()) + ")", setIt));
        }
        return List.of(CheckResult.pass(name(), quote(pointer.name()) + " = " + quote(pointer.slot()) + ": " + live.get().name()
                + " is live (changed " + Times.atWithAge(pointer.lastModified(), facts.now()) + ")"));
    }
}
