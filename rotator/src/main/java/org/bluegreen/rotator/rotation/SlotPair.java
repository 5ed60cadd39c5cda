package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.config.SlotTags;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.List;
import java.util.Objects;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Rule: a secret is rotated only if it is a configured slot of a blue/green pair. Both slot secrets carry the tags
 * the template writes ({@link SlotTags}): each names its slot, its one database user and the other slot's secret,
 * and the two must name each other, with different slots and users, and resolve to the same pointer, ECS cluster,
 * services and active secret. Tags are outside the
 * secret's value, so {@code secretsmanager:PutSecretValue} cannot forge any of this; the admin secret or an unrelated
 * secret has no such tags and is refused before anything is read or written.
 *
 * @param slot         the value the pointer holds while the app uses this slot: the only value finishSecret writes
 * @param username     the only user this slot's secret may name
 * @param peerSlot     the other slot's pointer value
 * @param peerUsername the other slot's user, which this rotation must never change
 */
public record SlotPair(String slot, String username, String peerSlot, String peerUsername, String peerArn, String peerName) {

    /** Reads the other slot's tags (DescribeSecret) and checks the two form a pair. */
    public static SlotPair of(SecretMetadata own, SecretStore secrets, FunctionSettings settings) {
        SlotTags mine = ownTags(own);
        SecretMetadata peer;
        try {
            peer = secrets.describe(mine.peer());
        } catch (ResourceNotFoundException e) {
            throw notASlot("secret " + quote(own.name()) + " names peer secret " + quote(mine.peer()) + " (tag " + SlotTags.TAG_PEER
                    + "), which does not exist");
        }
        return of(own, peer, settings);
    }

    /**
     * The same rule on two secrets already described (the CLI has both): each must name the other. The operator CLI
     * calls this for every command, with the settings of the function the secrets name, so it accepts exactly the
     * pairs the function rotates.
     */
    public static SlotPair of(SecretMetadata own, SecretMetadata peer, FunctionSettings settings) {
        String where = "secret " + quote(own.name());
        SlotTags mine = ownTags(own);
        if (!identifies(mine.peer(), peer.arn(), peer.name())) {
            throw notASlot(where + " names " + quote(mine.peer()) + " as its peer (tag " + SlotTags.TAG_PEER + "), not secret "
                    + quote(peer.name()));
        }
        String peerWhere = "its peer secret " + quote(peer.name());
        SlotTags theirs = SlotTags.of(peer.tags());
        if (theirs.missingTag() != null) {
            throw notASlot(where + ": " + peerWhere + " has no tag " + theirs.missingTag());
        }
        if (!identifies(theirs.peer(), own.arn(), own.name())) {
            throw notASlot(where + ": " + peerWhere + " names " + quote(theirs.peer()) + " as its peer, not this secret");
        }
        if (peer.arn().equals(own.arn())) {
            throw notASlot(where + " names itself as its peer");
        }
        if (theirs.slot().equals(mine.slot())) {
            throw notASlot(where + " and " + peerWhere + " are both slot " + quote(mine.slot()));
        }
        if (theirs.username().equals(mine.username())) {
            throw notASlot(where + " and " + peerWhere + " both pin user " + quote(mine.username()));
        }
        agree(where, peerWhere, PairConfig.resolve(settings, own.name(), own.tags()),
                PairConfig.resolve(settings, peer.name(), peer.tags()));
        return new SlotPair(mine.slot(), mine.username(), theirs.slot(), theirs.username(), peer.arn(), peer.name());
    }

    /**
     * Each slot's rotation resolves its own secret's configuration, and each one's finishSecret and drain check act on
     * what it resolves: the two must agree on the pointer, the cluster, the services and the active-secret copy, or
     * one slot's rotation would redeploy services the other's drain check never watches.
     */
    private static void agree(String where, String peerWhere, PairConfig mine, PairConfig theirs) {
        differ(where, peerWhere, "pointer", mine.pointerParameter(), theirs.pointerParameter());
        differ(where, peerWhere, "ECS cluster", mine.cluster(), theirs.cluster());
        differ(where, peerWhere, "ECS services", mine.services(), theirs.services());
        differ(where, peerWhere, "active secret", mine.activeSecret(), theirs.activeSecret());
    }

    private static void differ(String where, String peerWhere, String what, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            throw notASlot(where + " uses " + what + " " + shown(mine) + " but " + peerWhere + " uses " + shown(theirs));
        }
    }

    private static String shown(Object value) {
        return value == null ? "none" : value instanceof List<?> list ? list.stream().map(v -> quote(v)).toList().toString() : quote(value);
    }

    private static SlotTags ownTags(SecretMetadata own) {
        SlotTags mine = SlotTags.of(own.tags());
        if (mine.missingTag() != null) {
            throw notASlot("secret " + quote(own.name()) + " is not a slot of a blue/green pair: it has no tag " + mine.missingTag()
                    + " (the template writes bluegreen:slot, bluegreen:username and bluegreen:peer-secret on both slot secrets)");
        }
        return mine;
    }

    /** True when {@code secretId} (as a masterarn may give it) is this pair's other slot secret. */
    public boolean isPeer(String secretId) {
        return identifies(secretId, peerArn, peerName);
    }

    /**
     * True when {@code secretId} names the secret with this ARN and name the ways Secrets Manager accepts: the ARN,
     * the name, or the partial ARN without the six random characters AWS appends.
     */
    public static boolean identifies(String secretId, String arn, String name) {
        return secretId.equals(arn) || secretId.equals(name)
                || arn.startsWith(secretId + "-") && arn.length() == secretId.length() + 7;
    }

    private static Refusal notASlot(String problem) {
        return new Refusal(Refusal.Reason.NOT_A_SLOT, problem);
    }
}
