package org.bluegreen.cli.aws;

import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.SecretMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secrets Manager calls only the operator CLI makes (the rotation's own go through the rotator's
 * {@link org.bluegreen.rotator.aws.SecretStore}): DescribeSecret with the rotation schedule and function,
 * ListSecrets by tag, ListSecretVersionIds, and the one write the rotation never makes, taking a staging label off
 * a failed rotation's version. Every listing pages through {@link Paging}.
 */
public final class OperatorSecrets {

    private final SecretsManagerClient client;

    public OperatorSecrets(SecretsManagerClient client) {
        this.client = client;
    }

    /** DescribeSecret: the secret's identity, labels and tags, and its rotation (schedule and function). */
    public SecretListing describe(String secretId) {
        DescribeSecretResponse r = client.describeSecret(b -> b.secretId(secretId));
        return listing(r.arn(), r.name(), r.rotationEnabled(), r.versionIdsToStages(), r.tags(), r.rotationLambdaARN(),
                r.rotationRules(), r.lastRotatedDate(), r.nextRotationDate());
    }

    /**
     * Every secret with a tag whose key starts with {@code tagKeyPrefix} (the tag-key filter is a case-sensitive
     * prefix match), pages of 100: what DescribeSecret would say of each, without a call per secret.
     */
    public List<SecretListing> tagged(String tagKeyPrefix) {
        List<SecretListing> listings = new ArrayList<>();
        Paging.all(token -> client.listSecrets(b -> b.maxResults(100).nextToken(token)
                        .filters(f -> f.key(FilterNameStringType.TAG_KEY).values(tagKeyPrefix))),
                (ListSecretsResponse r) -> {
                    for (SecretListEntry e : r.secretList()) {
                        listings.add(listing(e.arn(), e.name(), e.rotationEnabled(), e.secretVersionsToStages(), e.tags(),
                                e.rotationLambdaARN(), e.rotationRules(), e.lastRotatedDate(), e.nextRotationDate()));
                    }
                    return r.nextToken();
                });
        return listings;
    }

    /** The versions that carry staging labels, as ListSecretVersionIds returns them (all pages). */
    public List<LabelledVersion> versions(String secretId) {
        List<LabelledVersion> versions = new ArrayList<>();
        Paging.all(token -> client.listSecretVersionIds(b -> b.secretId(secretId).nextToken(token)),
                (ListSecretVersionIdsResponse r) -> {
                    r.versions().forEach(v -> versions.add(new LabelledVersion(v.versionId(), List.copyOf(v.versionStages()),
                            v.createdDate(), v.lastAccessedDate())));
                    return r.nextToken();
                });
        return versions;
    }

    /** UpdateSecretVersionStage that only removes {@code stage} from {@code versionId}, moving it nowhere. */
    public void removeStage(String secretId, Stage stage, String versionId) {
        client.updateSecretVersionStage(b -> b.secretId(secretId).versionStage(stage.label()).removeFromVersionId(versionId));
    }

    private static SecretListing listing(String arn, String name, Boolean rotationEnabled, Map<String, List<String>> stages,
                                         List<Tag> tagList, String lambdaArn, RotationRulesType rules, Instant lastRotated,
                                         Instant nextRotation) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : tagList) {
            tags.put(t.key(), t.value());
        }
        boolean enabled = Boolean.TRUE.equals(rotationEnabled);
        return new SecretListing(new SecretMetadata(arn, name, enabled, Map.copyOf(stages), tags),
                new RotationSchedule(enabled, lambdaArn,
                        rules == null ? null : rules.scheduleExpression(),
                        rules == null ? null : rules.automaticallyAfterDays(),
                        rules == null ? null : rules.duration(),
                        lastRotated, nextRotation));
    }
}
