package org.bluegreen.cli.recover;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.rotation.RotationEvent;
import org.bluegreen.rotator.rotation.Rotator;
import org.bluegreen.rotator.rotation.Step;
import org.bluegreen.rotator.rotation.StepOutcome;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Roll forward: the database already has the rotation's new password, so complete that rotation with the
 * rotator's own testSecret and finishSecret for its version, exactly what Secrets Manager's retry would run: move
 * AWSCURRENT to it (AWS's documented fix), set the pointer to its slot, and force one new deployment of each
 * service not yet redeployed since. Both steps are idempotent, so whatever the failed run already did is skipped.
 */
record FinishRotation(Slot slot, String version, String why) implements RecoveryAction {

    @Override
    public String kind() {
        return "finish-rotation";
    }

    @Override
    public String secret() {
        return slot.name();
    }

    @Override
    public String describe() {
        return "finish the rotation of " + slot.name() + " with version " + version + " (roll forward: " + why
                + "): AWSCURRENT on that version, pointer to " + quote(slot.pointerValue()) + ", one new deployment per service not yet redeployed";
    }

    @Override
    public String apply(PairReader aws) {
        // The rotator logs JSON lines meant for CloudWatch; here its outcome is what the operator needs.
        Rotator rotator = new Rotator(aws.secretStore(), aws.pointerParameter(), aws.ecsServices(), slot.settings(),
                JsonLog.discarding());
        StepOutcome tested = rotator.runStep(new RotationEvent(Step.TEST_SECRET, slot.arn(), version, null));
        StepOutcome finished = tested instanceof StepOutcome.Succeeded
                ? rotator.runStep(new RotationEvent(Step.FINISH_SECRET, slot.arn(), version, null)) : tested;
        if (!(finished instanceof StepOutcome.Succeeded)) {
            throw new CliException("finishing the rotation of " + slot.name() + " failed: " + finished.message());
        }
        return finished.message();
    }
}
