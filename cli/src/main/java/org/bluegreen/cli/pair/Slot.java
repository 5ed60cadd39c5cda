package org.bluegreen.cli.pair;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.PairConfig;

/**
 * One secret of the pair as the rotation sees it: what DescribeSecret says and its configuration (tags, then
 * flags and environment, resolved by the rotator's own {@link PairConfig}).
 */
public record Slot(Role role, SecretMetadata meta, PairConfig config) {

    /** The secret's name. */
    public String name() {
        return meta.name();
    }

    /** The value the pointer holds while the app uses this secret. */
    public String pointerValue() {
        return config.slot();
    }

    public String arn() {
        return meta.arn();
    }
}
