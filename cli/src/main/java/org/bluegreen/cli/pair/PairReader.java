package org.bluegreen.cli.pair;

import org.bluegreen.cli.CliException;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.PointerParameter;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.RotationSettings;
import org.bluegreen.rotator.aws.SecretListing;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.aws.VersionInfo;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.List;
import java.util.Optional;

/**
 * Reads a pair through the rotator's seams, each call wrapped by {@link AwsCall} so that a failure names the
 * permission and the resource. Values are parsed into {@link DbSecret} at once: nothing here keeps a secret string.
 */
public final class PairReader {

    /** The prefix of every tag the rotation reads; a secret with none of them is not discovered. */
    public static final String TAG_PREFIX = "bluegreen:";

    private final SecretStore secrets;
    private final PointerParameter pointer;
    private final EcsServices ecs;
    private final FunctionSettings settings;

    public PairReader(AwsClients clients, FunctionSettings settings) {
        this.secrets = new SecretStore(clients.secretsManager());
        this.pointer = new PointerParameter(clients.ssm());
        this.ecs = new EcsServices(clients.ecs());
        this.settings = settings;
    }

    public FunctionSettings settings() {
        return settings;
    }

    /** Both secrets, refusing a pair whose configurations disagree. */
    public Pair pair(String blueId, String greenId) {
        Slot blue = slot(Role.BLUE, blueId);
        Slot green = slot(Role.GREEN, greenId);
        Pair.disagreement(blue, green).ifPresent(problem -> {
            throw new CliException("not a pair: " + problem);
        });
        return new Pair(blue, green);
    }

    /** DescribeSecret, then the configuration from its tags, then flags and environment. */
    public Slot slot(Role role, String secretId) {
        SecretMetadata meta = describe(secretId);
        return new Slot(role, meta, config(meta));
    }

    /** Every secret tagged {@code bluegreen:*} in the account and region (ListSecrets, all pages). */
    public List<SecretListing> taggedSecrets() {
        return AwsCall.run("secretsmanager:ListSecrets", "secrets tagged " + TAG_PREFIX + "*", () -> secrets.listTagged(TAG_PREFIX));
    }

    public SecretMetadata describe(String secretId) {
        return AwsCall.run("secretsmanager:DescribeSecret", "secret '" + secretId + "'", () -> secrets.describe(secretId));
    }

    /** The rotator's own resolution: the secret's tags, then the settings (flags over environment). */
    public PairConfig config(SecretMetadata meta) {
        return AwsCall.run("configuration", "secret '" + meta.name() + "'",
                () -> PairConfig.resolve(settings, meta.name(), meta.tags()));
    }

    public RotationSettings rotation(SecretMetadata meta) {
        return AwsCall.run("secretsmanager:DescribeSecret", secret(meta), () -> secrets.rotationSettings(meta.arn()));
    }

    public List<VersionInfo> versions(SecretMetadata meta) {
        return AwsCall.run("secretsmanager:ListSecretVersionIds", secret(meta), () -> secrets.versions(meta.arn()));
    }

    /** The AWSCURRENT value, parsed; an error names the secret and the field, never a value. */
    public DbSecret current(SecretMetadata meta) {
        return value(meta, null, SecretMetadata.CURRENT).orElseThrow(() ->
                new CliException(secret(meta) + " has no AWSCURRENT value"));
    }

    /** A version chosen by id and/or stage, parsed; empty when it does not exist or has no value yet. */
    public Optional<DbSecret> value(SecretMetadata meta, String versionId, String stage) {
        String label = (stage != null ? stage : "version " + versionId) + " of secret '" + meta.name() + "'";
        return AwsCall.run("secretsmanager:GetSecretValue", secret(meta), () -> secrets.value(meta.arn(), versionId, stage))
                .map(v -> AwsCall.run("parse", label, () -> DbSecret.parse(v.secretString(), label)));
    }

    /** The admin login from {@code masterarn} on the user's endpoint, if the secret names one (the rotator's rule). */
    public Optional<DbSecret> admin(SecretMetadata meta, DbSecret user) {
        if (user.masterArn() == null) {
            return Optional.empty();
        }
        String what = "admin secret " + user.masterArn() + " (masterarn of '" + meta.name() + "')";
        return Optional.of(AwsCall.run("secretsmanager:GetSecretValue", what,
                        () -> secrets.value(user.masterArn(), null, SecretMetadata.CURRENT))
                .map(v -> AwsCall.run("parse", what, () -> user.adminLogin(v.secretString(), what)))
                .orElseThrow(() -> new CliException(what + " has no AWSCURRENT value")));
    }

    public PointerState pointer(String parameter) {
        return AwsCall.run("ssm:GetParameter", "parameter '" + parameter + "'", () -> pointer.read(parameter));
    }

    public List<ServiceState> services(String cluster, List<String> names) {
        return AwsCall.run("ecs:DescribeServices", "services " + names + " in cluster '" + cluster + "'",
                () -> ecs.describe(cluster, names));
    }

    /** The seams themselves, for the few writes of {@code recover}. */
    public SecretStore secretStore() {
        return secrets;
    }

    public PointerParameter pointerParameter() {
        return pointer;
    }

    public EcsServices ecsServices() {
        return ecs;
    }

    private static String secret(SecretMetadata meta) {
        return "secret '" + meta.name() + "'";
    }
}
