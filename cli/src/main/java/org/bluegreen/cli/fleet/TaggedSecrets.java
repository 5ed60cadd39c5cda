package org.bluegreen.cli.fleet;

import org.bluegreen.cli.inspect.RotationSchedule;
import org.bluegreen.rotator.aws.SecretMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Secrets Manager read of discovery: ListSecrets with a tag-key filter, every page. Only the CLI lists. */
public final class TaggedSecrets {

    private final SecretsManagerClient client;

    public TaggedSecrets(SecretsManagerClient client) {
        this.client = client;
    }

    /**
     * Every secret with a tag whose key starts with {@code tagKeyPrefix} (the tag-key filter is a case-sensitive
     * prefix match), pages of 100: what DescribeSecret would say of each, without a call per secret.
     */
    public List<SecretListing> list(String tagKeyPrefix) {
        List<SecretListing> listings = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListSecretsResponse r = client.listSecrets(b -> b.maxResults(100).nextToken(token)
                    .filters(f -> f.key(FilterNameStringType.TAG_KEY).values(tagKeyPrefix)));
            for (SecretListEntry e : r.secretList()) {
                Map<String, String> tags = new LinkedHashMap<>();
                for (Tag t : e.tags()) {
                    tags.put(t.key(), t.value());
                }
                RotationRulesType rules = e.rotationRules();
                boolean enabled = Boolean.TRUE.equals(e.rotationEnabled());
                listings.add(new SecretListing(
                        new SecretMetadata(e.arn(), e.name(), enabled, Map.copyOf(e.secretVersionsToStages()), tags),
                        new RotationSchedule(enabled, e.rotationLambdaARN(),
                                rules == null ? null : rules.scheduleExpression(),
                                rules == null ? null : rules.automaticallyAfterDays(),
                                rules == null ? null : rules.duration(),
                                e.lastRotatedDate(), e.nextRotationDate())));
            }
            next = r.nextToken();
        } while (next != null);
        return listings;
    }
}
