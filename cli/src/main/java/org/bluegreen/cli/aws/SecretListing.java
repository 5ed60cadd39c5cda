package org.bluegreen.cli.aws;

import org.bluegreen.rotator.aws.SecretMetadata;

/** One entry of ListSecrets: the secret's metadata and rotation schedule, as DescribeSecret would give them. */
public record SecretListing(SecretMetadata meta, RotationSchedule rotation) {
}
