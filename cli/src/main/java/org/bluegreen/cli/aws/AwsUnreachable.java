package org.bluegreen.cli.aws;

import org.bluegreen.cli.CliException;

/**
 * The SDK could not get an answer from AWS at all (connection refused, unknown host, timeout): nothing about
 * the named secret or permission is known yet, and every further call would fail alike.
 */
public final class AwsUnreachable extends CliException {

    public static final String ADVICE = "check the network path to AWS, --region (or AWS_REGION) and AWS_ENDPOINT_URL";

    public AwsUnreachable(String message, Throwable cause) {
        super(message, cause);
    }

    /** The unreachable AWS behind an error, however deeply it is wrapped. */
    public static java.util.Optional<AwsUnreachable> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsUnreachable u) {
                return java.util.Optional.of(u);
            }
        }
        return java.util.Optional.empty();
    }
}
