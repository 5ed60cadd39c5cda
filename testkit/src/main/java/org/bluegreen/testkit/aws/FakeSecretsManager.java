package org.bluegreen.testkit.aws;

import org.bluegreen.contract.Stage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceResponse;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceResponse;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageResponse;

/**
 * In-memory Secrets Manager with versions and staging labels as the API reference describes them.
 *
 * <p>Operations: CancelRotateSecret, CreateSecret, DeleteSecret (without recovery window only), DescribeSecret, GetSecretValue, PutSecretValue,
 * UpdateSecretVersionStage, ListSecretVersionIds, ListSecrets, GetRandomPassword, TagResource, UntagResource
 * and RotateSecret. A secret is found by name, full ARN or ARN without its random suffix.
 *
 * <p>Staging labels: each label sits on at most one version. Whenever AWSCURRENT moves (through
 * PutSecretValue or UpdateSecretVersionStage) the version that lost it gets AWSPREVIOUS. A version
 * without labels is deprecated: ListSecretVersionIds shows it only with IncludeDeprecated, and
 * DescribeSecret's VersionIdsToStages leaves it out. Nothing is garbage-collected.
 *
 * <p>Rotation: {@link #setRotationFunction} plays the Lambda. {@code RotateSecret} stages AWSPENDING
 * on a new version, then invokes the function synchronously (unlike the real, asynchronous service)
 * with the event keys {@code Step}, {@code SecretId} (the ARN), {@code ClientRequestToken} and
 * {@code RotationToken}. A rotation's new version has no value (GetSecretValue on it fails until
 * createSecret stores one). With {@code RotateImmediately=false} only testSecret runs, on a new
 * version holding a copy of AWSCURRENT's value, and that version is gone afterwards whatever the
 * step did (docs/aws-evidence.md says where each of these comes from). A step that throws stops the
 * rotation, leaves AWSPENDING where it is, and its exception propagates out of {@code rotateSecret};
 * {@link #retryPendingRotation} then replays the steps with the same token, as Secrets Manager does
 * on its own later.
 *
 * <pre>{@code
 * FakeSecretsManager sm = new FakeSecretsManager(clock);
 * String arn = sm.createSecret("app/db", "{\"username\":\"app_blue\",\"password\":\"...\"}");
 * sm.enableRotation(arn, "arn:aws:lambda:us-east-1:123456789012:function:rotator", "rate(30 days)");
 * sm.setRotationFunction(event -> handler.handle(event));
 * sm.clearCalls();
 * }</pre>
 */
public final class FakeSecretsManager extends FakeAwsService implements SecretsManagerClient {
    public static final String AWSCURRENT = Stage.CURRENT.label();
    public static final String AWSPENDING = Stage.PENDING.label();
    public static final String AWSPREVIOUS = Stage.PREVIOUS.label();
    /** The steps of one rotation, in the order Secrets Manager invokes them. */
    public static final List<String> ROTATION_STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (hours?|days?)\\)");
    private static final String ARN_SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final class Version {
        final String id;
        final Instant created;
        final Set<String> stages = new LinkedHashSet<>();
        String string;
        SdkBytes binary;

        Version(String id, Instant created) {
            this.id = id;
            this.created = created;
        }

        boolean hasValue() {
            return string != null || binary != null;
        }
    }

    private static final class Secret {
        final String name;
        final String arn;
        final Instant created;
        final Map<String, String> tags = new LinkedHashMap<>();
        /** In creation order. */
        final Map<String, Version> versions = new LinkedHashMap<>();
        String description;
        boolean rotationEnabled;
        String rotationLambdaArn;
        RotationRulesType rotationRules;
        Instant lastRotated;
        Instant lastChanged;

        Secret(String name, String arn, Instant created) {
            this.name = name;
            this.arn = arn;
            this.created = created;
            this.lastChanged = created;
        }

        Version withStage(String stage) {
            return versions.values().stream().filter(v -> v.stages.contains(stage)).findFirst().orElse(null);
        }
    }

    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private Consumer<Map<String, String>> rotationFunction;
    private String lastRotationToken;
    /** The ARN of the secret each GetSecretValue call read (or tried to), in order. */
    private final List<String> valueReads = new ArrayList<>();

    public FakeSecretsManager(Clock clock) {
        super(clock, "SecretsManager");
    }

    // ---------------------------------------------------------------- test setup and inspection (not recorded as calls unless stated)

    /** Creates a secret whose first version (AWSCURRENT) holds {@code secretString}; returns its ARN. Recorded as CreateSecret. */
    public String createSecret(String name, String secretString) {
        return createSecret(CreateSecretRequest.builder().name(name).secretString(secretString).build()).arn();
    }

    /** The NextToken of a last page: none, as the API reference has it, unless {@link #endPagesWithEmptyToken}. */
    private String lastPageToken;

    /**
     * From now on the last page of ListSecrets and ListSecretVersionIds carries {@code "NextToken": ""} instead of
     * none, as moto 5.2.1 answers ListSecretVersionIds (docs/aws-evidence.md): a paging loop must stop on that too.
     */
    public synchronized void endPagesWithEmptyToken() {
        lastPageToken = "";
    }

    /** Turns rotation on with {@code lambdaArn} and {@code scheduleExpression}, without rotating. */
    public synchronized void enableRotation(String secretId, String lambdaArn, String scheduleExpression) {
        Secret s = find(secretId);
        s.rotationEnabled = true;
        s.rotationLambdaArn = lambdaArn;
        s.rotationRules = RotationRulesType.builder().scheduleExpression(scheduleExpression).build();
        s.lastChanged = now();
    }

    /**
     * Does what Secrets Manager does before invoking createSecret: puts AWSPENDING on version
     * {@code token}, creating it without a value if needed (GetSecretValue on it then fails).
     */
    public synchronized void stagePendingVersion(String secretId, String token) {
        Secret s = find(secretId);
        Version v = s.versions.computeIfAbsent(token, id -> new Version(id, now()));
        attach(s, AWSPENDING, v);
        s.lastChanged = now();
    }

    /** Every version id (deprecated ones too, in creation order) with its staging labels. */
    public synchronized Map<String, List<String>> versionStages(String secretId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        find(secretId).versions.values().forEach(v -> out.put(v.id, List.copyOf(v.stages)));
        return out;
    }

    /** The function RotateSecret invokes once per step with the rotation event (see class doc). */
    public synchronized void setRotationFunction(Consumer<Map<String, String>> function) {
        this.rotationFunction = function;
    }

    /** The last RotationToken passed to PutSecretValue, or null: lets a test check it was forwarded. */
    /** How many GetSecretValue calls read {@code secretArn} since the last {@link #clearCalls()}. */
    public synchronized long valueReadsOf(String secretArn) {
        return valueReads.stream().filter(secretArn::equals).count();
    }

    @Override
    public synchronized void clearCalls() {
        super.clearCalls();
        valueReads.clear();
    }

    public synchronized String lastRotationTokenSeen() {
        return lastRotationToken;
    }

    /**
     * Replays all four steps for the version that holds AWSPENDING, as Secrets Manager retries a
     * failed rotation. Not recorded as a call (the service does it, not a client).
     */
    public void retryPendingRotation(String secretId) {
        String arn;
        String token;
        synchronized (this) {
            Secret s = find(secretId);
            Version pending = s.withStage(AWSPENDING);
            if (pending == null || pending.stages.contains(AWSCURRENT)) {
                throw new IllegalStateException("no rotation of " + s.name + " is pending");
            }
            arn = s.arn;
            token = pending.id;
        }
        runSteps(arn, token, ROTATION_STEPS);
        rotated(arn);
    }

    // ---------------------------------------------------------------- API operations

    @Override
    public CreateSecretResponse createSecret(CreateSecretRequest request) {
        return call("CreateSecret", () -> {
            if (request.name() == null || request.name().isEmpty()) {
                throw invalidParameter("You must specify a Name.");
            }
            if (secrets.containsKey(request.name())) {
                throw error(ResourceExistsException.builder(), "ResourceExistsException",
                        "The operation failed because the secret " + request.name() + " already exists.");
            }
            Secret s = new Secret(request.name(), newArn(request.name()), now());
            s.description = request.description();
            request.tags().forEach(t -> s.tags.put(t.key(), t.value()));
            secrets.put(s.name, s);
            Version v = null;
            if (request.secretString() != null || request.secretBinary() != null) {
                v = new Version(tokenOrRandom(request.clientRequestToken()), now());
                v.string = request.secretString();
                v.binary = request.secretBinary();
                v.stages.add(AWSCURRENT);
                s.versions.put(v.id, v);
            }
            return CreateSecretResponse.builder().arn(s.arn).name(s.name).versionId(v == null ? null : v.id).build();
        });
    }

    @Override
    public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
        return call("DescribeSecret", () -> {
            Secret s = find(request.secretId());
            return DescribeSecretResponse.builder()
                    .arn(s.arn)
                    .name(s.name)
                    .description(s.description)
                    .rotationEnabled(s.rotationEnabled)
                    .rotationLambdaARN(s.rotationLambdaArn)
                    .rotationRules(s.rotationRules)
                    .lastRotatedDate(s.lastRotated)
                    .lastChangedDate(s.lastChanged)
                    .nextRotationDate(nextRotation(s))
                    .createdDate(s.created)
                    .tags(tags(s))
                    .versionIdsToStages(labelled(s))
                    .build();
        });
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        return call("GetSecretValue", () -> {
            Secret s = find(request.secretId());
            valueReads.add(s.arn);
            String stage = request.versionStage();
            Version v;
            if (request.versionId() != null) {
                v = s.versions.get(request.versionId());
                if (v == null || !v.hasValue()) {
                    throw notFound("Secrets Manager can't find the specified secret value for VersionId: " + request.versionId());
                }
                if (stage != null && !v.stages.contains(stage)) {
                    throw notFound("Secrets Manager can't find the specified secret value for VersionId: " + request.versionId()
                            + " and staging label: " + stage);
                }
            } else {
                String wanted = stage == null ? AWSCURRENT : stage;
                v = s.withStage(wanted);
                if (v == null || !v.hasValue()) {
                    throw notFound("Secrets Manager can't find the specified secret value for staging label: " + wanted);
                }
            }
            return GetSecretValueResponse.builder()
                    .arn(s.arn)
                    .name(s.name)
                    .versionId(v.id)
                    .secretString(v.string)
                    .secretBinary(v.binary)
                    .versionStages(List.copyOf(v.stages))
                    .createdDate(v.created)
                    .build();
        });
    }

    @Override
    public PutSecretValueResponse putSecretValue(PutSecretValueRequest request) {
        return call("PutSecretValue", () -> {
            Secret s = find(request.secretId());
            if (request.rotationToken() != null) {
                lastRotationToken = request.rotationToken();
            }
            if (request.secretString() == null && request.secretBinary() == null) {
                throw invalidParameter("You must provide either SecretString or SecretBinary.");
            }
            // The SDK fills in a random token when the caller gives none; the fake does the same.
            String token = tokenOrRandom(request.clientRequestToken());
            Version v = s.versions.get(token);
            if (v != null && v.hasValue()) {
                // A retry with the same token: same value is ignored, a different value is refused.
                if (Objects.equals(v.string, request.secretString()) && Objects.equals(v.binary, request.secretBinary())) {
                    return putResponse(s, v);
                }
                throw error(ResourceExistsException.builder(), "ResourceExistsException",
                        "You can't use ClientRequestToken " + token + " because that value is already in use for a version of secret "
                                + s.arn + ".");
            }
            boolean firstVersion = s.versions.isEmpty();
            if (v == null) { // else: the value-less AWSPENDING placeholder that RotateSecret staged
                v = new Version(token, now());
                s.versions.put(token, v);
            }
            v.string = request.secretString();
            v.binary = request.secretBinary();
            List<String> stages = request.hasVersionStages() ? request.versionStages() : List.of(AWSCURRENT);
            for (String stage : stages) {
                attach(s, stage, v);
            }
            if (firstVersion) {
                attach(s, AWSCURRENT, v);
            }
            s.lastChanged = now();
            return putResponse(s, v);
        });
    }

    @Override
    public UpdateSecretVersionStageResponse updateSecretVersionStage(UpdateSecretVersionStageRequest request) {
        return call("UpdateSecretVersionStage", () -> {
            Secret s = find(request.secretId());
            String stage = request.versionStage();
            String moveTo = request.moveToVersionId();
            String removeFrom = request.removeFromVersionId();
            if (stage == null || stage.isEmpty()) {
                throw invalidParameter("You must specify a VersionStage.");
            }
            if (moveTo == null && removeFrom == null) {
                throw invalidParameter("You must specify MoveToVersionId, RemoveFromVersionId, or both.");
            }
            Version holder = s.withStage(stage);
            if (removeFrom != null && (holder == null || !holder.id.equals(removeFrom))) {
                throw invalidParameter("The staging label " + stage + " isn't attached to version " + removeFrom
                        + ", so it can't be removed from it.");
            }
            if (moveTo == null) {
                if (stage.equals(AWSCURRENT)) {
                    throw invalidParameter("You can't remove the staging label AWSCURRENT from a version without moving it to another version.");
                }
                holder.stages.remove(stage);
            } else {
                Version target = s.versions.get(moveTo);
                if (target == null) {
                    throw notFound("Secrets Manager can't find the specified secret version: " + moveTo);
                }
                if (holder != null && holder != target && removeFrom == null) {
                    throw invalidParameter("The parameter RemoveFromVersionId can't be empty. Staging label " + stage
                            + " is currently attached to version " + holder.id
                            + ", so you must explicitly reference that version in RemoveFromVersionId.");
                }
                attach(s, stage, target);
            }
            s.lastChanged = now();
            return UpdateSecretVersionStageResponse.builder().arn(s.arn).name(s.name).build();
        });
    }

    @Override
    public ListSecretVersionIdsResponse listSecretVersionIds(ListSecretVersionIdsRequest request) {
        return call("ListSecretVersionIds", () -> {
            Secret s = find(request.secretId());
            boolean includeDeprecated = Boolean.TRUE.equals(request.includeDeprecated());
            List<SecretVersionsListEntry> entries = s.versions.values().stream()
                    .filter(v -> includeDeprecated || !v.stages.isEmpty())
                    .map(v -> SecretVersionsListEntry.builder()
                            .versionId(v.id)
                            .versionStages(List.copyOf(v.stages))
                            .createdDate(v.created)
                            .build())
                    .toList();
            return ListSecretVersionIdsResponse.builder().arn(s.arn).name(s.name).versions(entries).nextToken(lastPageToken).build();
        });
    }

    /**
     * The API reference's ListSecrets: pages of at most {@code MaxResults} (1 to 100; 100 when not given here) in
     * creation order, with {@code NextToken} while more remain. Filters: {@code name}, {@code tag-key} and
     * {@code tag-value}, each a case-sensitive prefix match, a value starting with {@code !} negated; the values of
     * one filter are alternatives, several filters must all match (as the API reference and the user guide's
     * "Find secrets" page describe). The other filter keys are not modelled and fail.
     */
    @Override
    public ListSecretsResponse listSecrets(ListSecretsRequest request) {
        return call("ListSecrets", () -> {
            int max = request.maxResults() == null ? 100 : request.maxResults();
            if (max < 1 || max > 100) {
                throw invalidParameter("MaxResults must be between 1 and 100.");
            }
            List<Secret> matching = secrets.values().stream()
                    .filter(s -> request.filters().stream().allMatch(f -> matches(s, f)))
                    .toList();
            int from = 0;
            if (request.nextToken() != null) {
                try {
                    from = Integer.parseInt(request.nextToken());
                } catch (NumberFormatException e) {
                    from = -1;
                }
                if (from < 0 || from > matching.size()) {
                    throw error(InvalidNextTokenException.builder(), "InvalidNextTokenException", "The NextToken value is invalid.");
                }
            }
            int to = Math.min(matching.size(), from + max);
            List<SecretListEntry> page = matching.subList(from, to).stream()
                    .map(s -> SecretListEntry.builder()
                            .arn(s.arn)
                            .name(s.name)
                            .description(s.description)
                            .rotationEnabled(s.rotationEnabled)
                            .rotationLambdaARN(s.rotationLambdaArn)
                            .rotationRules(s.rotationRules)
                            .lastRotatedDate(s.lastRotated)
                            .lastChangedDate(s.lastChanged)
                            .nextRotationDate(nextRotation(s))
                            .createdDate(s.created)
                            .tags(tags(s))
                            .secretVersionsToStages(labelled(s))
                            .build())
                    .toList();
            return ListSecretsResponse.builder().secretList(page).nextToken(to < matching.size() ? String.valueOf(to) : lastPageToken).build();
        });
    }

    private static boolean matches(Secret s, Filter filter) {
        List<String> fields = switch (filter.keyAsString()) {
            case "name" -> List.of(s.name);
            case "tag-key" -> List.copyOf(s.tags.keySet());
            case "tag-value" -> List.copyOf(s.tags.values());
            default -> throw new UnsupportedOperationException("ListSecrets filter " + filter.keyAsString() + " is not modelled");
        };
        return filter.values().stream().anyMatch(value -> value.startsWith("!")
                ? fields.stream().noneMatch(f -> f.startsWith(value.substring(1)))
                : fields.stream().anyMatch(f -> f.startsWith(value)));
    }

    /**
     * Deletes the secret with all its versions. Only {@code ForceDeleteWithoutRecovery=true} is modelled (no recovery
     * window): afterwards the secret is not found.
     */
    @Override
    public DeleteSecretResponse deleteSecret(DeleteSecretRequest request) {
        return call("DeleteSecret", () -> {
            if (!Boolean.TRUE.equals(request.forceDeleteWithoutRecovery())) {
                throw new UnsupportedOperationException("DeleteSecret with a recovery window is not modelled");
            }
            Secret s = find(request.secretId());
            secrets.remove(s.name);
            return DeleteSecretResponse.builder().arn(s.arn).name(s.name).deletionDate(now()).build();
        });
    }

    @Override
    public GetRandomPasswordResponse getRandomPassword(GetRandomPasswordRequest request) {
        return call("GetRandomPassword", () -> {
            try {
                return GetRandomPasswordResponse.builder().randomPassword(RandomPasswords.generate(request, random)).build();
            } catch (IllegalArgumentException e) {
                throw invalidParameter(e.getMessage());
            }
        });
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        return call("TagResource", () -> {
            Secret s = find(request.secretId());
            request.tags().forEach(t -> s.tags.put(t.key(), t.value()));
            s.lastChanged = now();
            return TagResourceResponse.builder().build();
        });
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        return call("UntagResource", () -> {
            Secret s = find(request.secretId());
            request.tagKeys().forEach(s.tags::remove);
            s.lastChanged = now();
            return UntagResourceResponse.builder().build();
        });
    }

    /** Turns automatic rotation off; versions and labels stay as they are (an unfinished rotation keeps AWSPENDING). */
    @Override
    public CancelRotateSecretResponse cancelRotateSecret(CancelRotateSecretRequest request) {
        return call("CancelRotateSecret", () -> {
            Secret s = find(request.secretId());
            s.rotationEnabled = false;
            s.lastChanged = now();
            return CancelRotateSecretResponse.builder().arn(s.arn).name(s.name).build();
        });
    }

    /**
     * Configures rotation and rotates synchronously (see class doc). With {@code RotateImmediately=false}
     * only testSecret runs, against a new AWSPENDING version holding a copy of AWSCURRENT's value, which
     * is removed again afterwards. Fails with InvalidRequestException while AWSPENDING sits on a version
     * that is not AWSCURRENT (an unfinished rotation) or when no rotation Lambda is configured.
     */
    @Override
    public RotateSecretResponse rotateSecret(RotateSecretRequest request) {
        RuntimeException afterWrite;
        boolean configurationTest;
        String arn;
        String name;
        String token;
        synchronized (this) {
            afterWrite = begin("RotateSecret");
            Secret s = find(request.secretId());
            String lambdaArn = request.rotationLambdaARN() != null ? request.rotationLambdaARN() : s.rotationLambdaArn;
            if (lambdaArn == null) {
                throw error(InvalidRequestException.builder(), "InvalidRequestException",
                        "You tried to enable rotation on a secret that doesn't already have a Lambda function ARN configured"
                                + " and you didn't include such an ARN as a parameter in this call.");
            }
            Version pending = s.withStage(AWSPENDING);
            if (pending != null && !pending.stages.contains(AWSCURRENT)) {
                throw error(InvalidRequestException.builder(), "InvalidRequestException",
                        "A previous rotation isn't complete. That rotation will be reattempted.");
            }
            if (rotationFunction == null) {
                throw new IllegalStateException("no rotation function: call setRotationFunction first");
            }
            s.rotationEnabled = true;
            s.rotationLambdaArn = lambdaArn;
            if (request.rotationRules() != null) {
                s.rotationRules = request.rotationRules();
            }
            token = tokenOrRandom(request.clientRequestToken());
            stagePendingVersion(s.arn, token);
            configurationTest = Boolean.FALSE.equals(request.rotateImmediately());
            if (configurationTest) {
                // What AWS showed a Lambda during this test (moto's AWS-run test_rotate_secret_using_lambda_dont_rotate_immediately).
                Version current = s.withStage(AWSCURRENT);
                Version test = s.versions.get(token);
                if (current != null && test != current) {
                    test.string = current.string;
                    test.binary = current.binary;
                }
            }
            arn = s.arn;
            name = s.name;
        }
        if (configurationTest) {
            try {
                runSteps(arn, token, List.of("testSecret"));
            } finally {
                removeTestVersion(arn, token);
            }
        } else {
            runSteps(arn, token, ROTATION_STEPS);
            rotated(arn);
        }
        end(afterWrite);
        return RotateSecretResponse.builder().arn(arn).name(name).versionId(token).build();
    }

    // ---------------------------------------------------------------- internals

    /** Invokes the rotation function without holding the lock: it calls back into this fake, maybe from other threads. */
    private void runSteps(String arn, String token, List<String> steps) {
        Consumer<Map<String, String>> function;
        synchronized (this) {
            function = rotationFunction;
        }
        String rotationToken = UUID.randomUUID().toString();
        for (String step : steps) {
            function.accept(Map.of("Step", step, "SecretId", arn, "ClientRequestToken", token, "RotationToken", rotationToken));
        }
    }

    private synchronized void rotated(String arn) {
        Secret s = find(arn);
        s.lastRotated = now();
        s.lastChanged = s.lastRotated;
    }

    /** "The test creates an AWSPENDING version of the secret and then removes it" (RotateSecret reference). */
    private synchronized void removeTestVersion(String arn, String token) {
        Secret s = find(arn);
        Version v = s.versions.get(token);
        if (v == null) {
            return;
        }
        v.stages.remove(AWSPENDING);
        if (v.stages.isEmpty()) {
            s.versions.remove(token);
        }
    }

    /** Puts {@code stage} on {@code target}, taking it off its holder; a moved AWSCURRENT leaves AWSPREVIOUS behind. */
    private static void attach(Secret s, String stage, Version target) {
        Version holder = s.withStage(stage);
        if (holder == target) {
            return;
        }
        if (holder != null) {
            holder.stages.remove(stage);
        }
        target.stages.add(stage);
        if (stage.equals(AWSCURRENT) && holder != null) {
            Version previous = s.withStage(AWSPREVIOUS);
            if (previous != null) {
                previous.stages.remove(AWSPREVIOUS);
            }
            holder.stages.add(AWSPREVIOUS);
        }
    }

    private Secret find(String secretId) {
        if (secretId != null) {
            Secret byName = secrets.get(secretId);
            if (byName != null) {
                return byName;
            }
            for (Secret s : secrets.values()) {
                // Full ARN, or the ARN without the "-AbCdEf" suffix Secrets Manager appends.
                if (s.arn.equals(secretId) || s.arn.substring(0, s.arn.length() - 7).equals(secretId)) {
                    return s;
                }
            }
        }
        throw notFound("Secrets Manager can't find the specified secret.");
    }

    /** ARN with a six-character suffix derived from the name and creation order, so runs are repeatable. */
    private String newArn(String name) {
        Random r = new Random(name.hashCode() * 31L + secrets.size());
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(ARN_SUFFIX_CHARS.charAt(r.nextInt(ARN_SUFFIX_CHARS.length())));
        }
        return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT_ID + ":secret:" + name + "-" + suffix;
    }

    /** Approximate: last rotation (or creation) plus the interval; null for cron schedules. */
    private static Instant nextRotation(Secret s) {
        if (!s.rotationEnabled || s.rotationRules == null) {
            return null;
        }
        Duration every = null;
        if (s.rotationRules.automaticallyAfterDays() != null) {
            every = Duration.ofDays(s.rotationRules.automaticallyAfterDays());
        } else if (s.rotationRules.scheduleExpression() != null) {
            Matcher m = RATE.matcher(s.rotationRules.scheduleExpression());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                every = m.group(2).startsWith("day") ? Duration.ofDays(n) : Duration.ofHours(n);
            }
        }
        return every == null ? null : (s.lastRotated != null ? s.lastRotated : s.created).plus(every);
    }

    /** The versions that carry a label, as DescribeSecret and ListSecrets show them. */
    private static Map<String, List<String>> labelled(Secret s) {
        Map<String, List<String>> labelled = new LinkedHashMap<>();
        s.versions.values().stream().filter(v -> !v.stages.isEmpty()).forEach(v -> labelled.put(v.id, List.copyOf(v.stages)));
        return labelled;
    }

    private static List<Tag> tags(Secret s) {
        List<Tag> out = new ArrayList<>();
        s.tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    private static PutSecretValueResponse putResponse(Secret s, Version v) {
        return PutSecretValueResponse.builder().arn(s.arn).name(s.name).versionId(v.id).versionStages(List.copyOf(v.stages)).build();
    }

    private static String tokenOrRandom(String token) {
        return token != null ? token : UUID.randomUUID().toString();
    }

    private RuntimeException notFound(String message) {
        return error(ResourceNotFoundException.builder(), "ResourceNotFoundException", message);
    }

    private RuntimeException invalidParameter(String message) {
        return error(InvalidParameterException.builder(), "InvalidParameterException", message);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
