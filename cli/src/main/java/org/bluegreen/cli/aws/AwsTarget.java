package org.bluegreen.cli.aws;

/** Where the operator pointed the CLI; either may be null (then the environment and profile decide). */
public record AwsTarget(String region, String profile) {
}
