package org.bluegreen.cli.recover;

import org.bluegreen.cli.aws.AwsCall;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.contract.Stage;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Roll back: take AWSPENDING off the version of a rotation whose new password never reached the database, as AWS
 * documents for a cancelled rotation. AWSCURRENT and the database stay as they are; the version, left without
 * labels, is deprecated and Secrets Manager may delete it.
 */
record RemovePendingLabel(Slot slot, String version, String why) implements RecoveryAction {

    @Override
    public String kind() {
        return "remove-pending";
    }

    @Override
    public String secret() {
        return slot.name();
    }

    @Override
    public String describe() {
        return "remove AWSPENDING from version " + version + " of " + slot.name() + " (roll back: " + why + ")";
    }

    @Override
    public String apply(PairReader aws) {
        AwsCall.run("secretsmanager:UpdateSecretVersionStage", "secret " + quote(slot.name()),
                // Only a label comes off: AWS's documented way to clear the AWSPENDING of a rotation that failed
                // before the new password reached the database.
                () -> aws.operatorSecrets().removeStage(slot.arn(), Stage.PENDING, version));
        return "AWSPENDING removed from version " + version + " of " + slot.name();
    }
}
