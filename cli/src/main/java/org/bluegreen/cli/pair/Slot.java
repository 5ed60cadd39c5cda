package org.bluegreen.cli.pair;

import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;

/**
 * One secret of the pair as its rotation sees it: what DescribeSecret says (metadata and rotation), the settings of
 * the function that rotates it (its environment, flags laid over it) and its configuration (tags over those
 * settings, resolved by the rotator's own {@link PairConfig}).
 */
public record Slot(Role role, SecretMetadata meta, RotationSchedule rotation, FunctionSettings settings, PairConfig config) {

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
