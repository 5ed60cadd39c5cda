package org.bluegreen.rotator.aws;

/** AWS-side configuration that the rotation cannot work with (a missing pointer, service or cluster). */
public final class AwsStateException extends RuntimeException {
    public AwsStateException(String message) {
        super(message);
    }
}
