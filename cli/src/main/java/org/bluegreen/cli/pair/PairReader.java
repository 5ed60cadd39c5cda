package org.bluegreen.cli.pair;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.fleet.SecretListing;
import org.bluegreen.cli.fleet.TaggedSecrets;
import org.bluegreen.cli.inspect.LabelledVersion;
import org.bluegreen.cli.inspect.RotationSchedule;
import org.bluegreen.cli.inspect.SecretInspection;
import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.PointerParameter;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.aws.SecretValue;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.rotation.Login;
import org.bluegreen.rotator.secret.DbSecret;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import software.amazon.awssdk.services.rds.RdsClient;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a pair through the rotator's seams, each call wrapped by {@link AwsCall} so that a failure names the
 * permission and the resource. Values are parsed into {@link DbSecret} at once: nothing here keeps a secret string.
 */
public final class PairReader {

    /** The prefix of every tag the rotation reads; a secret with none of them is not discovered. */
    public static final String TAG_PREFIX = "bluegreen:";

    private final SecretsManagerClient secretsManager;
    private final SecretStore secrets;
    private final SecretInspection inspection;
    private final TaggedSecrets tagged;
    private final RdsProxies proxies;
    private final PointerParameter pointer;
    private final EcsServices ecs;
    private final FunctionSettings settings;

    public PairReader(AwsClients clients, FunctionSettings settings) {
        this(clients, null, settings);
    }

    /** @param rds for the doctor's RDS Proxy check; null when there is none to read */
    public PairReader(AwsClients clients, RdsClient rds, FunctionSettings settings) {
        this.secretsManager = clients.secretsManager();
        this.secrets = new SecretStore(secretsManager);
        this.inspection = new SecretInspection(secretsManager);
        this.tagged = new TaggedSecrets(secretsManager);
        this.pointer = new PointerParameter(clients.ssm());
        this.ecs = new EcsServices(clients.ecs());
        this.proxies = rds == null ? null : new RdsProxies(rds);
        this.settings = settings;
    }

    /** The account's RDS proxies, their endpoints, targets and Auth secrets (read-only RDS calls). */
    public List<RdsProxies.Proxy> proxies() {
        if (proxies == null) {
            throw new CliException("no RDS client to read the RDS proxies with");
        }
        return AwsCall.run("rds:DescribeDBProxies, rds:DescribeDBProxyTargets, rds:DescribeDBProxyEndpoints",
                "the RDS proxies of the account", proxies::all);
    }

    public FunctionSettings settings() {
        return settings;
    }

    /** Both secrets, refusing a pair whose configurations disagree. */
    public Pair pair(String blueId, String greenId) {
        return Pair.of(slot(Role.BLUE, blueId), slot(Role.GREEN, greenId));
    }

    /** DescribeSecret, then the configuration from its tags, then flags and environment. */
    public Slot slot(Role role, String secretId) {
        SecretMetadata meta = describe(secretId);
        return new Slot(role, meta, config(meta));
    }

    /** Every secret tagged {@code bluegreen:*} in the account and region (ListSecrets, all pages). */
    public List<SecretListing> taggedSecrets() {
        return AwsCall.run("secretsmanager:ListSecrets", "secrets tagged " + TAG_PREFIX + "*", () -> tagged.list(TAG_PREFIX));
    }

    public SecretMetadata describe(String secretId) {
        return AwsCall.run("secretsmanager:DescribeSecret", "secret '" + secretId + "'", () -> secrets.describe(secretId));
    }

    /** The rotator's own resolution: the secret's tags, then the settings (flags over environment). */
    public PairConfig config(SecretMetadata meta) {
        return AwsCall.run("configuration", "secret '" + meta.name() + "'",
                () -> PairConfig.resolve(settings, meta.name(), meta.tags()));
    }

    public RotationSchedule rotation(SecretMetadata meta) {
        return AwsCall.run("secretsmanager:DescribeSecret", secret(meta), () -> inspection.rotationSchedule(meta.arn()));
    }

    public List<LabelledVersion> versions(SecretMetadata meta) {
        return AwsCall.run("secretsmanager:ListSecretVersionIds", secret(meta), () -> inspection.versions(meta.arn()));
    }

    /** The AWSCURRENT value, parsed; an error names the secret and the field, never a value. */
    public DbSecret current(SecretMetadata meta) {
        return labelled(meta, Stage.CURRENT).orElseThrow(() -> new CliException(secret(meta) + " has no AWSCURRENT value"));
    }

    /**
     * The AWSCURRENT value as stored, unparsed: {@code bootstrap} completes a secret the stack made with a password
     * only. Only the rotator's value types ({@code DbSecret}, {@code StackSecretFields}) read it.
     */
    public String currentValue(SecretMetadata meta) {
        return AwsCall.run("secretsmanager:GetSecretValue", secret(meta), () -> secrets.current(meta.arn()))
                .map(SecretValue::secretString)
                .orElseThrow(() -> new CliException(secret(meta) + " has no AWSCURRENT value"));
    }

    /** The AWSCURRENT value of a secret by ARN (the admin secret), as the write rules read it. */
    public java.util.Optional<String> currentValueOf(String arn, String role) {
        return AwsCall.run("secretsmanager:GetSecretValue", role + " " + arn, () -> secrets.current(arn).map(SecretValue::secretString));
    }

    /** The version that carries {@code stage}, parsed; empty when none does or it has no value yet. */
    public Optional<DbSecret> labelled(SecretMetadata meta, Stage stage) {
        return parsed(meta, stage.label(), () -> secrets.staged(meta.arn(), stage));
    }

    /** Version {@code versionId} if it is AWSPENDING, parsed; empty when it is not or has no value yet. */
    public Optional<DbSecret> pending(SecretMetadata meta, String versionId) {
        return parsed(meta, Stage.PENDING.label(), () -> secrets.pending(meta.arn(), versionId));
    }

    private Optional<DbSecret> parsed(SecretMetadata meta, String stage, Supplier<Optional<SecretValue>> read) {
        String label = stage + " of secret '" + meta.name() + "'";
        return AwsCall.run("secretsmanager:GetSecretValue", secret(meta), read)
                .map(v -> AwsCall.run("parse", label, () -> DbSecret.parse(v.secretString(), label)));
    }

    /** The admin login from {@code masterarn} on the user's endpoint, by the rotation's own rule ({@link Login#admin}). */
    public Optional<DbSecret> admin(SecretMetadata meta, DbSecret user) {
        return AwsCall.run("parse", "masterarn of secret '" + meta.name() + "'", () -> Login.admin(user, meta.name(), settings.dbEndpoints(),
                        arn -> AwsCall.run("secretsmanager:GetSecretValue", "admin secret " + arn + " (masterarn of '"
                                + meta.name() + "')", () -> secrets.current(arn).map(SecretValue::secretString))))
                .map(Login::secret);
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

    /** For the one write the rotation never makes: taking AWSPENDING off a failed rotation's version. */
    public SecretsManagerClient secretsManager() {
        return secretsManager;
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
