package org.bluegreen.rotator.aws;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Secrets Manager operations the rotation uses, and nothing else (the IAM policy lists exactly these). */
public final class SecretStore {

    private final SecretsManagerClient client;

    public SecretStore(SecretsManagerClient client) {
        this.client = client;
    }

    public SecretMetadata describe(String secretId) {
        DescribeSecretResponse r = client.describeSecret(b -> b.secretId(secretId));
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : r.tags()) {
            tags.put(t.key(), t.value());
        }
        return new SecretMetadata(r.arn(), r.name(), Boolean.TRUE.equals(r.rotationEnabled()),
                Map.copyOf(r.versionIdsToStages()), tags);
    }

    /**
     * The value of a version chosen by id and/or stage (either may be null), or empty when Secrets Manager
     * has no such version, the id and stage do not match, or the version has no value yet.
     */
    public Optional<SecretVersion> value(String secretId, String versionId, String stage) {
        try {
            GetSecretValueResponse r = client.getSecretValue(b -> b.secretId(secretId).versionId(versionId).versionStage(stage));
            return Optional.of(new SecretVersion(r.versionId(), r.secretString(), r.createdDate()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores a value as version {@code versionId} with the given labels. Idempotent: the same id with the same
     * value is a no-op for Secrets Manager.
     *
     * @param rotationToken passed on when Secrets Manager gave one (cross-account or assumed-role rotation)
     */
    public void put(String secretId, String versionId, String secretString, List<String> stages, String rotationToken) {
        client.putSecretValue(b -> b.secretId(secretId).clientRequestToken(versionId).secretString(secretString)
                .versionStages(stages).rotationToken(rotationToken));
    }

    /** Moves a staging label onto a version; Secrets Manager gives the loser of AWSCURRENT the AWSPREVIOUS label. */
    public void moveStage(String secretId, String stage, String toVersion, String fromVersion) {
        client.updateSecretVersionStage(b -> b.secretId(secretId).versionStage(stage)
                .moveToVersionId(toVersion).removeFromVersionId(fromVersion));
    }

    public String randomPassword(int length, String excludeCharacters) {
        return client.getRandomPassword(b -> b.passwordLength((long) length).excludeCharacters(excludeCharacters)
                .requireEachIncludedType(true)).randomPassword();
    }
}
