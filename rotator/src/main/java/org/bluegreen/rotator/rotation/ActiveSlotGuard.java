package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.PointerState;

/** Refuses to touch the user the app is serving with: only the slot the pointer does not name may rotate. */
final class ActiveSlotGuard {

    private ActiveSlotGuard() {
    }

    static void check(PointerState pointer, String slot, String secretName) {
        if (pointer.slot().equals(slot)) {
            throw new Refusal(Refusal.Reason.ACTIVE_SLOT, "secret '" + secretName + "' is slot '" + slot
                    + "', which pointer '" + pointer.name() + "' names as the one the app uses now; rotate the other slot"
                    + " (this one rotates after the pointer has moved away from it)");
        }
    }
}
