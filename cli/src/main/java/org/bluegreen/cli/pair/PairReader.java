package org.bluegreen.cli.pair;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.aws.AwsCall;
import org.bluegreen.cli.aws.Clients;
import org.bluegreen.cli.aws.LabelledVersion;
import org.bluegreen.cli.aws.OperatorSecrets;
import org.bluegreen.cli.aws.RdsProxies;
import org.bluegreen.cli.aws.RotationFunctions;
import org.bluegreen.cli.aws.SecretListing;
import org.bluegreen.contract.Stage;
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
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.rotation.SlotPair;
import org.bluegreen.rotator.secret.DbSecret;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Reads a pair through the rotator's seams, each call wrapped by {@link AwsCall} so that a failure names the
 * permission and the resource. A pair's configuration is what the stack says ({@link StackSettings}: the rotation
 * function's environment, flags over it, then the secrets' tags), and a pair is only what the rotation's own rule
 * ({@link SlotPair}) accepts. Values are parsed into {@link DbSecret} at once: nothing here keeps a secret string.
 */
public final class PairReader {

    /** The prefix of every tag the rotation reads; a secret with none of them is not discovered. */
    public static final String TAG_PREFIX = "bluegreen:";

    private final SecretStore secrets;
    private final OperatorSecrets operatorSecrets;
    private final RotationFunctions functions;
    private final RdsProxies proxies;
    private final PointerParameter pointer;
    private final EcsServices ecs;
    private final Map<String, String> overrides;

    /**
     * @param clients   the run's clients; RDS may be null when there is no proxy to read
     * @param overrides the function environment variables the operator's flags set ({@code POINTER_PARAMETER}, ...)
     *                  and the operator's own {@code DB_CA_BUNDLE}; they win over the function's environment
     */
    public PairReader(Clients clients, Map<String, String> overrides) {
        SecretsManagerClient secretsManager = clients.aws().secretsManager();
        this.secrets = new SecretStore(secretsManager);
        this.operatorSecrets = new OperatorSecrets(secretsManager);
        this.functions = clients.lambda() == null ? null : new RotationFunctions(clients.lambda());
        this.pointer = new PointerParameter(clients.aws().ssm());
        this.ecs = new EcsServices(clients.aws().ecs());
        this.proxies = clients.rds() == null ? null : new RdsProxies(clients.rds());
        this.overrides = Map.copyOf(overrides);
    }

    /** The account's RDS proxies, their endpoints, targets and Auth secrets (read-only RDS calls). */
    public List<RdsProxies.Proxy> proxies() {
        if (proxies == null) {
            throw new CliException("no RDS client to read the RDS proxies with");
        }
        return AwsCall.run("rds:DescribeDBProxies, rds:DescribeDBProxyTargets, rds:DescribeDBProxyEndpoints",
                "the RDS proxies of the account", proxies::all);
    }

    /** Both secrets (DescribeSecret each), refused unless the rotation would treat them as one pair. */
    public Pair pair(String blueId, String greenId) {
        return pair(describe(blueId), describe(greenId));
    }

    /**
     * Two described secrets as a pair: their function's settings, the rotation's pair rule on them (the same call the
     * function makes, with the same settings), then each one's configuration.
     */
    public Pair pair(SecretListing blue, SecretListing green) {
        if (blue.meta().arn().equals(green.meta().arn())) {
            throw new NotAPair("--blue and --green name the same secret, " + blue.meta().arn()
                    + ": give each option its own slot's secret");
        }
        StackSettings stack = settings(blue, green);
        PairConfig blueConfig = stack.config(blue.meta().name(), blue.meta().tags());
        PairConfig greenConfig = stack.config(green.meta().name(), green.meta().tags());
        try {
            SlotPair.of(blue.meta(), green.meta(), stack.settings());
        } catch (Refusal refusal) {
            throw new NotAPair(refusal);
        }
        return new Pair(new Slot(Role.BLUE, blue.meta(), blue.rotation(), stack.settings(), blueConfig),
                new Slot(Role.GREEN, green.meta(), green.rotation(), stack.settings(), greenConfig));
    }

    /** The settings of the function that rotates both secrets, flags laid over them. */
    public StackSettings settings(SecretListing blue, SecretListing green) {
        return StackSettings.of(blue, green, overrides, this::functionEnvironment);
    }

    /** One secret's configuration under a pair's settings; a missing setting is named with its flag, tag and source. */
    public PairConfig config(StackSettings stack, SecretMetadata meta) {
        return stack.config(meta.name(), meta.tags());
    }

    private Map<String, String> functionEnvironment(String functionArn) {
        if (functions == null) {
            throw new CliException("no Lambda client to read function " + functionArn + " with");
        }
        return AwsCall.run("lambda:GetFunctionConfiguration", "function " + functionArn, () -> functions.environment(functionArn));
    }

    /** Every secret tagged {@code bluegreen:*} in the account and region (ListSecrets, all pages). */
    public List<SecretListing> taggedSecrets() {
        return AwsCall.run("secretsmanager:ListSecrets", "secrets tagged " + TAG_PREFIX + "*", () -> operatorSecrets.tagged(TAG_PREFIX));
    }

    /** DescribeSecret: metadata, tags and rotation (schedule and function) in one call. */
    public SecretListing describe(String secretId) {
        return AwsCall.run("secretsmanager:DescribeSecret", "secret " + quote(secretId), () -> operatorSecrets.describe(secretId));
    }

    public List<LabelledVersion> versions(SecretMetadata meta) {
        return AwsCall.run("secretsmanager:ListSecretVersionIds", secret(meta), () -> operatorSecrets.versions(meta.arn()));
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
        String label = stage + " of secret " + quote(meta.name());
        return AwsCall.run("secretsmanager:GetSecretValue", secret(meta), read)
                .map(v -> AwsCall.run("parse", label, () -> DbSecret.parse(v.secretString(), label)));
    }

    /**
     * The admin login from {@code masterarn} on the user's endpoint, by the rotation's own rule ({@link Login#admin}),
     * with the pinned endpoints of the function that rotates the secret.
     */
    public Optional<DbSecret> admin(FunctionSettings settings, SecretMetadata meta, DbSecret user) {
        return AwsCall.run("parse", "masterarn of secret " + quote(meta.name()), () -> {
            try {
                return Login.admin(user, meta.name(), settings.dbEndpoints(),
                        arn -> AwsCall.run("secretsmanager:GetSecretValue", "admin secret " + quote(arn) + " (masterarn of "
                                + quote(meta.name()) + ")", () -> secrets.current(arn).map(SecretValue::secretString)));
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.UNTRUSTED_ENDPOINT && settings.dbEndpoints().isEmpty()) {
                    throw new CliException(refusal.getMessage() + " (the template writes DB_ENDPOINTS into the environment of"
                            + " the rotation function; without one, pass --db-endpoints)", refusal);
                }
                throw refusal;
            }
        }).map(Login::secret);
    }

    public PointerState pointer(String parameter) {
        return AwsCall.run("ssm:GetParameter", "parameter " + quote(parameter), () -> pointer.read(parameter));
    }

    public List<ServiceState> services(String cluster, List<String> names) {
        return AwsCall.run("ecs:DescribeServices", "services " + names + " in cluster " + quote(cluster),
                () -> ecs.describe(cluster, names));
    }

    /** The rotator's seams themselves, for {@code recover}'s roll-forward, which runs the rotator's own steps. */
    public SecretStore secretStore() {
        return secrets;
    }

    /** For the one write the rotation never makes: taking AWSPENDING off a failed rotation's version. */
    public OperatorSecrets operatorSecrets() {
        return operatorSecrets;
    }

    public PointerParameter pointerParameter() {
        return pointer;
    }

    public EcsServices ecsServices() {
        return ecs;
    }

    private static String secret(SecretMetadata meta) {
        return "secret " + quote(meta.name());
    }
}
