package org.bluegreen.cli.pair;

import org.bluegreen.rotator.rotation.Refusal;

/**
 * One of the rotation's write rules refused a slot before a CLI write ({@code bootstrap}, {@code recover}): the same
 * {@link Refusal.Reason} a rotation step would give, and its message (never a secret value).
 */
public record RuleRefusal(Role role, String secret, Refusal.Reason reason, String message) {

    public static RuleRefusal of(Slot slot, Refusal refusal) {
        return new RuleRefusal(slot.role(), slot.name(), refusal.reason(), refusal.getMessage());
    }

    /** One line for the text report: the slot, the rule's reason and what it found. */
    public String line() {
        return role + ": " + reason + ": " + message;
    }

    /** The JSON object {@code --json} prints for it. */
    public java.util.Map<String, Object> json() {
        return org.bluegreen.cli.output.Json.object("role", role.toString(), "secret", secret, "reason", reason.name(),
                "message", message);
    }
}
