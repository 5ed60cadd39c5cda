package org.bluegreen.rotator.config;

import java.util.Map;

/**
 * What makes a secret a slot of a blue/green pair: tags the template writes on both slot secrets. Tags are not part
 * of the secret's value, so {@code secretsmanager:PutSecretValue} cannot change them (that takes
 * {@code secretsmanager:TagResource}, which docs/security.md keeps away from people and pipelines).
 *
 * @param slot     {@code bluegreen:slot}: the value the pointer holds while the app uses this slot
 * @param username {@code bluegreen:username}: the one database user this slot's secret may name
 * @param peer     {@code bluegreen:peer-secret}: name or ARN of the pair's other slot secret
 */
public record SlotTags(String slot, String username, String peer) {

    public static final String TAG_USERNAME = "bluegreen:username";
    public static final String TAG_PEER = "bluegreen:peer-secret";

    /** The slot tags of a secret; a missing one is null (the pair rule refuses such a secret). */
    public static SlotTags of(Map<String, String> tags) {
        return new SlotTags(FunctionSettings.blankToNull(tags.get(PairConfig.TAG_SLOT)),
                FunctionSettings.blankToNull(tags.get(TAG_USERNAME)), FunctionSettings.blankToNull(tags.get(TAG_PEER)));
    }

    /** The first tag this secret lacks, or null when it has all three. */
    public String missingTag() {
        return slot == null ? PairConfig.TAG_SLOT : username == null ? TAG_USERNAME : peer == null ? TAG_PEER : null;
    }
}
