package org.bluegreen.rotator.aws;

import org.bluegreen.contract.Stage;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Secrets Manager operations of the product. The rotation Lambda uses {@link #describe}, the named reads
 * ({@link #current}, {@link #pending}, {@link #previous}, {@link #version}), {@link #put}, {@link #moveStage} and
 * {@link #randomPassword}: what the rotation needs, and its IAM policy lists exactly those. What only the operator
 * CLI reads or writes lives in the CLI.
 */
public final class SecretStore {

    private final Supplier<SecretsManagerClient> client;

    public SecretStore(SecretsManagerClient client) {
        this(() -> client);
    }

    /** With a client built on first use: a step that never calls this service never pays for building its client. */
    public SecretStore(Supplier<SecretsManagerClient> client) {
        this.client = client;
    }

    public SecretMetadata describe(String secretId) {
        DescribeSecretResponse r = client.get().describeSecret(b -> b.secretId(secretId));
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : r.tags()) {
            tags.put(t.key(), t.value());
        }
        return new SecretMetadata(r.arn(), r.name(), Boolean.TRUE.equals(r.rotationEnabled()),
                Map.copyOf(r.versionIdsToStages()), tags);
    }

    /** The AWSCURRENT value; empty when the secret has none. */
    public Optional<SecretValue> current(String secretId) {
        return value(secretId, null, Stage.CURRENT);
    }

    /** The AWSPREVIOUS value; empty when the secret has none. */
    public Optional<SecretValue> previous(String secretId) {
        return value(secretId, null, Stage.PREVIOUS);
    }

    /** The value of the version that carries {@code stage}; empty when none does or it has no value. */
    public Optional<SecretValue> staged(String secretId, Stage stage) {
        return value(secretId, null, stage);
    }

    /** Version {@code versionId}, if it is AWSPENDING and has a value. */
    public Optional<SecretValue> pending(String secretId, String versionId) {
        return value(secretId, versionId, Stage.PENDING);
    }

    /** Version {@code versionId} whatever its labels; empty when it does not exist or has no value yet. */
    public Optional<SecretValue> version(String secretId, String versionId) {
        return value(secretId, versionId, null);
    }

    /**
     * The value of a version chosen by id and/or stage (either may be null), or empty when Secrets Manager
     * has no such version, the id and stage do not match, or the version has no value yet.
     */
    private Optional<SecretValue> value(String secretId, String versionId, Stage stage) {
        String label = stage == null ? null : stage.label();
        try {
            GetSecretValueResponse r = client.get().getSecretValue(b -> b.secretId(secretId).versionId(versionId).versionStage(label));
            return Optional.of(new SecretValue(r.versionId(), r.secretString(), r.createdDate()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores a value as version {@code versionId} with the given labels. Idempotent: the same id with the same
     * value is a no-op for Secrets Manager.
     *
     * @param stage         the one label the version gets
     * @param rotationToken passed on when Secrets Manager gave one (cross-account or assumed-role rotation)
     */
    public void put(String secretId, String versionId, String secretString, Stage stage, String rotationToken) {
        client.get().putSecretValue(b -> b.secretId(secretId).clientRequestToken(versionId).secretString(secretString)
                .versionStages(stage.label()).rotationToken(rotationToken));
    }

    /** Moves a staging label onto a version; Secrets Manager gives the loser of AWSCURRENT the AWSPREVIOUS label. */
    public void moveStage(String secretId, Stage stage, String toVersion, String fromVersion) {
        client.get().updateSecretVersionStage(b -> b.secretId(secretId).versionStage(stage.label())
                .moveToVersionId(toVersion).removeFromVersionId(fromVersion));
    }

    public String randomPassword(int length, String excludeCharacters) {
        return client.get().getRandomPassword(b -> b.passwordLength((long) length).excludeCharacters(excludeCharacters)
                .requireEachIncludedType(true)).randomPassword();
    }
}
