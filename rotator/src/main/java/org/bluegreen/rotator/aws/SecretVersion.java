package org.bluegreen.rotator.aws;

import java.time.Instant;

/** One version of a secret with its value. Only {@code secret/} parses the value. */
public record SecretVersion(String versionId, String secretString, Instant createdDate) {

    @Override
    public String toString() {
        return "SecretVersion[versionId=" + versionId + ", createdDate=" + createdDate + "]";
    }
}
