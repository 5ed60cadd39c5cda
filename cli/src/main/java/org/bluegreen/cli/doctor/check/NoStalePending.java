package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.PerSlotCheck;
import org.bluegreen.cli.aws.LabelledVersion;
import org.bluegreen.cli.output.Times;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.SecretMetadata;

import java.util.Optional;

/**
 * No AWSPENDING outside AWSCURRENT: that is what a failed rotation leaves, and Secrets Manager will not start
 * another rotation of the secret until it is cleared (it keeps retrying the failed one instead).
 */
public final class NoStalePending implements PerSlotCheck {

    @Override
    public String name() {
        return "pending";
    }

    @Override
    public CheckResult check(Facts facts, Role role) {
        SecretMetadata meta = facts.meta(role);
        Optional<String> pending = meta.unfinishedRotation();
        if (pending.isEmpty()) {
            return CheckResult.pass(name(), meta.name() + " has no unfinished rotation");
        }
        String created = facts.versions(role).stream()
                .filter(v -> v.versionId().equals(pending.get()))
                .map(LabelledVersion::createdDate)
                .findFirst()
                .map(t -> " (created " + Times.atWithAge(t, facts.now()) + ")")
                .orElse("");
        return CheckResult.fail(name(), "version " + pending.get() + " of " + meta.name()
                        + " holds AWSPENDING but not AWSCURRENT" + created
                        + ": a rotation did not finish (or is running right now)",
                "run `bluegreen recover --blue " + facts.secretId(Role.BLUE) + " --green " + facts.secretId(Role.GREEN)
                        + "` to see what happened and how it will be undone, then again with --yes");
    }
}
