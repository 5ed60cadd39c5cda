package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.PointerState;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** Refuses to touch the user the app is serving with: only the slot the pointer does not name may rotate. */
final class ActiveSlotGuard {

    private ActiveSlotGuard() {
    }

    static void check(PointerState pointer, String slot, String secretName) {
        if (pointer.slot().equals(slot)) {
            throw new Refusal(Refusal.Reason.ACTIVE_SLOT, "secret " + quote(secretName) + " is slot " + quote(slot)
                    + ", which pointer " + quote(pointer.name()) + " names as the one the app uses now; rotate the other slot"
                    + " (this one rotates after the pointer has moved away from it)");
        }
    }
}
