package org.bluegreen.cli.inspect;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

import java.util.ArrayList;
import java.util.List;

/** What the operator CLI reads about a secret that the rotation never needs: its schedule and labelled versions. */
public final class SecretInspection {

    private final SecretsManagerClient client;

    public SecretInspection(SecretsManagerClient client) {
        this.client = client;
    }

    /** Rotation state and schedule from DescribeSecret (a separate call: the rotation itself never needs it). */
    public RotationSchedule rotationSchedule(String secretId) {
        DescribeSecretResponse r = client.describeSecret(b -> b.secretId(secretId));
        RotationRulesType rules = r.rotationRules();
        return new RotationSchedule(Boolean.TRUE.equals(r.rotationEnabled()), r.rotationLambdaARN(),
                rules == null ? null : rules.scheduleExpression(),
                rules == null ? null : rules.automaticallyAfterDays(),
                rules == null ? null : rules.duration(),
                r.lastRotatedDate(), r.nextRotationDate());
    }

    /** The versions that carry staging labels, as ListSecretVersionIds returns them (all pages). */
    public List<LabelledVersion> versions(String secretId) {
        List<LabelledVersion> versions = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListSecretVersionIdsResponse r = client.listSecretVersionIds(b -> b.secretId(secretId).nextToken(token));
            r.versions().forEach(v -> versions.add(new LabelledVersion(v.versionId(), List.copyOf(v.versionStages()),
                    v.createdDate(), v.lastAccessedDate())));
            next = r.nextToken();
        } while (next != null);
        return versions;
    }
}
