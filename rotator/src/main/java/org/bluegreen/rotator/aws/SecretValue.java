package org.bluegreen.rotator.aws;

import java.time.Instant;

/** One version of a secret with its value. Only {@code secret/} parses the value. */
public record SecretValue(String versionId, String secretString, Instant createdDate) {

    @Override
    public String toString() {
        return "SecretValue[versionId=" + versionId + ", createdDate=" + createdDate + "]";
    }
}
