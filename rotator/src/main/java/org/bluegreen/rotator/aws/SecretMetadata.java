package org.bluegreen.rotator.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What DescribeSecret tells about a secret: no value, only its identity, rotation state, tags and labels. */
public record SecretMetadata(String arn, String name, boolean rotationEnabled,
                             Map<String, List<String>> versionStages, Map<String, String> tags) {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";

    /** The staging labels of a version, or empty when the version is not one of this secret's labelled versions. */
    public Optional<List<String>> stagesOf(String versionId) {
        return Optional.ofNullable(versionStages.get(versionId));
    }

    /** The version that carries a staging label, if any. */
    public Optional<String> versionWith(String stage) {
        return versionStages.entrySet().stream()
                .filter(e -> e.getValue().contains(stage))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The version a rotation has staged AWSPENDING on and not yet made AWSCURRENT: an unfinished rotation. */
    public Optional<String> unfinishedRotation() {
        Optional<String> pending = versionWith(PENDING);
        return pending.isEmpty() || pending.equals(versionWith(CURRENT)) ? Optional.empty() : pending;
    }
}
