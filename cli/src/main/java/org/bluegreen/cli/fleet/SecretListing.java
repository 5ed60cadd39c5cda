package org.bluegreen.cli.fleet;

import org.bluegreen.cli.inspect.RotationSchedule;
import org.bluegreen.rotator.aws.SecretMetadata;

/** One entry of ListSecrets: the secret's metadata and rotation schedule, as DescribeSecret would give them. */
public record SecretListing(SecretMetadata meta, RotationSchedule rotation) {
}
