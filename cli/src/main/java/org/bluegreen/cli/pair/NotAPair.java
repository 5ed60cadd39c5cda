package org.bluegreen.cli.pair;

import org.bluegreen.cli.CliException;
import org.bluegreen.rotator.rotation.Refusal;

/**
 * Two secrets the rotation's pair rule refuses: the CLI stops where the function would, for the same reason
 * ({@link Refusal.Reason#NOT_A_SLOT}), carried as a type.
 */
public final class NotAPair extends CliException {

    private final Refusal.Reason reason;

    NotAPair(Refusal refusal) {
        super("not a pair (" + refusal.reason() + "): " + refusal.getMessage().replaceFirst("^refused: ", ""), refusal);
        this.reason = refusal.reason();
    }

    NotAPair(String problem) {
        super("not a pair (" + Refusal.Reason.NOT_A_SLOT + "): " + problem);
        this.reason = Refusal.Reason.NOT_A_SLOT;
    }

    public Refusal.Reason reason() {
        return reason;
    }
}
