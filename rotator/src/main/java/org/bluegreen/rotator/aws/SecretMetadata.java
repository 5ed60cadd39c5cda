package org.bluegreen.rotator.aws;

import org.bluegreen.contract.Stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What DescribeSecret tells about a secret: no value, only its identity, rotation state, tags and labels. */
public record SecretMetadata(String arn, String name, boolean rotationEnabled,
                             Map<String, List<String>> versionStages, Map<String, String> tags) {

    /** The staging labels of a version, or empty when the version is not one of this secret's labelled versions. */
    public Optional<List<String>> stagesOf(String versionId) {
        return Optional.ofNullable(versionStages.get(versionId));
    }

    /** True when version {@code versionId} carries {@code stage}. */
    public boolean has(String versionId, Stage stage) {
        return stagesOf(versionId).map(s -> s.contains(stage.label())).orElse(false);
    }

    /** The version that carries a staging label, if any. */
    public Optional<String> versionWith(Stage stage) {
        return versionStages.entrySet().stream()
                .filter(e -> e.getValue().contains(stage.label()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The version a rotation has staged AWSPENDING on and not yet made AWSCURRENT: an unfinished rotation. */
    public Optional<String> unfinishedRotation() {
        Optional<String> pending = versionWith(Stage.PENDING);
        return pending.isEmpty() || pending.equals(versionWith(Stage.CURRENT)) ? Optional.empty() : pending;
    }
}
