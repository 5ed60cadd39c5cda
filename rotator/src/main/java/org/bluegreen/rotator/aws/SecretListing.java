package org.bluegreen.rotator.aws;

/** One entry of ListSecrets: the secret's metadata and rotation settings, as DescribeSecret gives them. */
public record SecretListing(SecretMetadata meta, RotationSettings rotation) {
}
