package org.bluegreen.rotator.aws;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secrets Manager operations of the product. The rotation Lambda uses {@link #describe}, {@link #value},
 * {@link #put}, {@link #moveStage} and {@link #randomPassword} (its IAM policy lists exactly those); the operator
 * CLI also reads {@link #rotationSettings} and {@link #versions}, and {@link #removeStage} recovers from a failed
 * rotation.
 */
public final class SecretStore {

    private final SecretsManagerClient client;

    public SecretStore(SecretsManagerClient client) {
        this.client = client;
    }

    public SecretMetadata describe(String secretId) {
        DescribeSecretResponse r = client.describeSecret(b -> b.secretId(secretId));
        return new SecretMetadata(r.arn(), r.name(), Boolean.TRUE.equals(r.rotationEnabled()),
                Map.copyOf(r.versionIdsToStages()), tags(r.tags()));
    }

    /**
     * Every secret with a tag whose key starts with {@code tagKeyPrefix} (ListSecrets' tag-key filter is a prefix
     * match), all pages: what DescribeSecret would say of each, without a call per secret. Used by the operator CLI.
     */
    public List<SecretListing> listTagged(String tagKeyPrefix) {
        List<SecretListing> listings = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListSecretsResponse r = client.listSecrets(b -> b.maxResults(100).nextToken(token)
                    .filters(f -> f.key(FilterNameStringType.TAG_KEY).values(tagKeyPrefix)));
            for (SecretListEntry e : r.secretList()) {
                RotationRulesType rules = e.rotationRules();
                listings.add(new SecretListing(
                        new SecretMetadata(e.arn(), e.name(), Boolean.TRUE.equals(e.rotationEnabled()),
                                Map.copyOf(e.secretVersionsToStages()), tags(e.tags())),
                        new RotationSettings(Boolean.TRUE.equals(e.rotationEnabled()), e.rotationLambdaARN(),
                                rules == null ? null : rules.scheduleExpression(),
                                rules == null ? null : rules.automaticallyAfterDays(),
                                rules == null ? null : rules.duration(),
                                e.lastRotatedDate(), e.nextRotationDate())));
            }
            next = r.nextToken();
        } while (next != null);
        return listings;
    }

    private static Map<String, String> tags(List<Tag> list) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : list) {
            tags.put(t.key(), t.value());
        }
        return tags;
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

    /** Rotation state and schedule from DescribeSecret (a separate call: the rotation itself never needs it). */
    public RotationSettings rotationSettings(String secretId) {
        DescribeSecretResponse r = client.describeSecret(b -> b.secretId(secretId));
        RotationRulesType rules = r.rotationRules();
        return new RotationSettings(Boolean.TRUE.equals(r.rotationEnabled()), r.rotationLambdaARN(),
                rules == null ? null : rules.scheduleExpression(),
                rules == null ? null : rules.automaticallyAfterDays(),
                rules == null ? null : rules.duration(),
                r.lastRotatedDate(), r.nextRotationDate());
    }

    /** The versions that carry staging labels, as ListSecretVersionIds returns them (all pages). */
    public List<VersionInfo> versions(String secretId) {
        List<VersionInfo> versions = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListSecretVersionIdsResponse r = client.listSecretVersionIds(b -> b.secretId(secretId).nextToken(token));
            r.versions().forEach(v -> versions.add(new VersionInfo(v.versionId(), List.copyOf(v.versionStages()),
                    v.createdDate(), v.lastAccessedDate())));
            next = r.nextToken();
        } while (next != null);
        return versions;
    }

    /**
     * Takes a staging label off a version without putting it anywhere else: AWS's documented way to clear the
     * AWSPENDING of a rotation that failed before the new password reached the database.
     */
    public void removeStage(String secretId, String stage, String fromVersion) {
        client.updateSecretVersionStage(b -> b.secretId(secretId).versionStage(stage).removeFromVersionId(fromVersion));
    }
}
