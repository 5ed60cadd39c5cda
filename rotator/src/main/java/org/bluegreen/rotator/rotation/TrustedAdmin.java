package org.bluegreen.rotator.rotation;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Rule: the admin secret a slot's {@code masterarn} names is a secret of its own, never one of the pair's slot
 * secrets (their passwords would become the admin's, which someone with {@code PutSecretValue} on a slot writes), and,
 * where the stack names one ({@code MASTER_SECRET_ARN}), exactly the stack's admin secret.
 */
public final class TrustedAdmin {

    private TrustedAdmin() {
    }

    /**
     * @param masterArn      the version's {@code masterarn}; null (self-service mode) passes
     * @param slotArn        this slot's secret
     * @param stackAdminArn  {@code MASTER_SECRET_ARN}, or null when the function's configuration names none
     */
    public static void check(String masterArn, String slotArn, String slotName, SlotPair pair, String stackAdminArn) {
        if (masterArn == null) {
            return;
        }
        if (pair.isPeer(masterArn) || SlotPair.identifies(masterArn, slotArn, slotName)) {
            throw new Refusal(Refusal.Reason.UNTRUSTED_ADMIN, "masterarn names secret " + (pair.isPeer(masterArn)
                    ? quote(pair.peerName()) + ", the pair's other slot" : quote(slotName) + ", this slot itself")
                    + "; the admin secret must be a secret of its own");
        }
        if (stackAdminArn != null && !SlotPair.identifies(masterArn, stackAdminArn, null)) {
            throw new Refusal(Refusal.Reason.UNTRUSTED_ADMIN, "masterarn of secret " + quote(slotName) + " names " + quote(masterArn)
                    + ", but the stack's admin secret (the function's MASTER_SECRET_ARN) is " + stackAdminArn);
        }
    }
}
