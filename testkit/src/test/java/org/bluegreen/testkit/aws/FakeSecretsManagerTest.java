package org.bluegreen.testkit.aws;

import static org.bluegreen.testkit.aws.FakeSecretsManager.AWSCURRENT;
import static org.bluegreen.testkit.aws.FakeSecretsManager.AWSPENDING;
import static org.bluegreen.testkit.aws.FakeSecretsManager.AWSPREVIOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

class FakeSecretsManagerTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:rotator";
    private final MutableClock clock = new MutableClock(T0);
    private final FakeSecretsManager sm = new FakeSecretsManager(clock);

    /** Creates "app/db" with version "v1" = "one" and returns its ARN. */
    private String secret() {
        return sm.createSecret(r -> r.name("app/db").secretString("one").clientRequestToken("v1")
                .tags(Tag.builder().key("team").value("payments").build())).arn();
    }

    private PutSecretValueResponse put(String token, String value, String... stages) {
        return sm.putSecretValue(r -> {
            r.secretId("app/db").clientRequestToken(token).secretString(value);
            if (stages.length > 0) {
                r.versionStages(stages);
            }
        });
    }

    private GetSecretValueResponse get(String versionId, String stage) {
        return sm.getSecretValue(r -> r.secretId("app/db").versionId(versionId).versionStage(stage));
    }

    private void assertStages(Map<String, List<String>> expected) {
        assertEquals(expected, sm.versionStages("app/db"));
    }

    // ---------------------------------------------------------------- CreateSecret, lookup, GetSecretValue

    @Test
    void createSecretMakesAnAwsCurrentVersionAndARealisticArn() {
        String arn = secret();
        assertTrue(arn.matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-[A-Za-z0-9]{6}"), arn);
        assertStages(Map.of("v1", List.of(AWSCURRENT)));
        GetSecretValueResponse v = get(null, null);
        assertEquals("one", v.secretString());
        assertEquals("v1", v.versionId());
        assertEquals(List.of(AWSCURRENT), v.versionStages());
        assertEquals(arn, v.arn());
        assertEquals("app/db", v.name());
        assertEquals(T0, v.createdDate());
        var dup = assertThrows(ResourceExistsException.class, this::secret);
        assertEquals("ResourceExistsException", dup.awsErrorDetails().errorCode());
    }

    @Test
    void secretIdMayBeNameFullArnOrArnWithoutSuffix() {
        String arn = secret();
        String partial = arn.substring(0, arn.length() - 7);
        for (String id : List.of("app/db", arn, partial)) {
            assertEquals("one", sm.getSecretValue(r -> r.secretId(id)).secretString(), id);
        }
        var e = assertThrows(ResourceNotFoundException.class, () -> sm.getSecretValue(r -> r.secretId("other")));
        assertEquals("Secrets Manager can't find the specified secret.", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }

    @Test
    void getSecretValueResourceNotFoundCases() {
        secret();
        put("v2", "two", AWSPENDING);
        assertEquals("two", get("v2", AWSPENDING).secretString());
        assertEquals("two", get(null, AWSPENDING).secretString());
        assertThrows(ResourceNotFoundException.class, () -> get("v2", AWSCURRENT), "id and stage must match");
        assertThrows(ResourceNotFoundException.class, () -> get("v9", null), "unknown version");
        assertThrows(ResourceNotFoundException.class, () -> get(null, AWSPREVIOUS), "label nowhere");
    }

    @Test
    void pendingVersionWithoutValueIsNotFoundUntilCreateSecretPutsIt() {
        secret();
        sm.stagePendingVersion("app/db", "tok");
        assertStages(Map.of("v1", List.of(AWSCURRENT), "tok", List.of(AWSPENDING)));
        var e = assertThrows(ResourceNotFoundException.class, () -> get(null, AWSPENDING));
        assertEquals("Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
                e.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> get("tok", AWSPENDING));

        put("tok", "two", AWSPENDING); // the placeholder gets its value, no new version
        assertEquals("two", get("tok", AWSPENDING).secretString());
        assertStages(Map.of("v1", List.of(AWSCURRENT), "tok", List.of(AWSPENDING)));
    }

    // ---------------------------------------------------------------- PutSecretValue

    @Test
    void putWithoutStagesMovesAwsCurrentAndLeavesAwsPreviousBehind() {
        secret();
        clock.advance(Duration.ofMinutes(1));
        PutSecretValueResponse r2 = put("v2", "two");
        assertEquals("v2", r2.versionId());
        assertEquals(List.of(AWSCURRENT), r2.versionStages());
        assertStages(Map.of("v1", List.of(AWSPREVIOUS), "v2", List.of(AWSCURRENT)));
        put("v3", "three");
        assertStages(Map.of("v1", List.of(), "v2", List.of(AWSPREVIOUS), "v3", List.of(AWSCURRENT)));
        assertEquals("three", get(null, null).secretString());
        assertEquals(T0.plus(Duration.ofMinutes(1)), sm.describeSecret(r -> r.secretId("app/db")).lastChangedDate());
    }

    @Test
    void putWithAwsPendingDoesNotTouchAwsCurrent() {
        secret();
        put("v2", "two", AWSPENDING);
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v2", List.of(AWSPENDING)));
        put("v3", "three", AWSPENDING); // a label lives on one version only
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v2", List.of(), "v3", List.of(AWSPENDING)));
        assertEquals("one", get(null, null).secretString());
    }

    @Test
    void putIsIdempotentForTheSameTokenAndValueAndRefusesADifferentValue() {
        secret();
        put("v2", "two", AWSPENDING);
        clock.advance(Duration.ofMinutes(1));
        PutSecretValueResponse again = put("v2", "two", AWSPENDING);
        assertEquals("v2", again.versionId());
        assertEquals(List.of(AWSPENDING), again.versionStages());
        assertEquals(T0, sm.describeSecret(r -> r.secretId("app/db")).lastChangedDate(), "ignored, nothing changed");

        var e = assertThrows(ResourceExistsException.class, () -> put("v2", "other", AWSPENDING));
        assertEquals("ResourceExistsException", e.awsErrorDetails().errorCode());
        assertEquals("two", get("v2", null).secretString());
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v2", List.of(AWSPENDING)));
    }

    @Test
    void firstVersionOfAnEmptySecretBecomesCurrentWhateverItsStages() {
        sm.createSecret(r -> r.name("app/db"));
        assertStages(Map.of());
        put("v1", "one", AWSPENDING);
        assertStages(Map.of("v1", List.of(AWSPENDING, AWSCURRENT)));
    }

    @Test
    void putRecordsTheRotationTokenItWasGiven() {
        secret();
        assertNull(sm.lastRotationTokenSeen());
        sm.putSecretValue(r -> r.secretId("app/db").clientRequestToken("v2").secretString("two").rotationToken("rt-1"));
        assertEquals("rt-1", sm.lastRotationTokenSeen());
    }

    // ---------------------------------------------------------------- UpdateSecretVersionStage

    private void stage(String label, String moveTo, String removeFrom) {
        sm.updateSecretVersionStage(r -> r.secretId("app/db").versionStage(label).moveToVersionId(moveTo).removeFromVersionId(removeFrom));
    }

    @Test
    void movingAwsCurrentNeedsItsHolderAndMakesItAwsPrevious() {
        secret();
        put("v2", "two", AWSPENDING);
        var e = assertThrows(InvalidParameterException.class, () -> stage(AWSCURRENT, "v2", null));
        assertEquals("InvalidParameterException", e.awsErrorDetails().errorCode());
        assertThrows(InvalidParameterException.class, () -> stage(AWSCURRENT, "v2", "v2"), "RemoveFrom must be the holder");
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v2", List.of(AWSPENDING)));

        stage(AWSCURRENT, "v2", "v1");
        assertStages(Map.of("v1", List.of(AWSPREVIOUS), "v2", List.of(AWSPENDING, AWSCURRENT)));
        assertEquals("two", get(null, null).secretString());

        stage(AWSCURRENT, "v2", null); // already there: a finishSecret retry succeeds and changes nothing
        assertStages(Map.of("v1", List.of(AWSPREVIOUS), "v2", List.of(AWSPENDING, AWSCURRENT)));
        assertThrows(InvalidParameterException.class, () -> stage(AWSCURRENT, "v2", "v1"), "v1 no longer has it");
    }

    @Test
    void rollingBackMovesAwsPreviousToTheVersionThatLostAwsCurrent() {
        secret();
        put("v2", "two");
        stage(AWSCURRENT, "v1", "v2");
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v2", List.of(AWSPREVIOUS)));
    }

    @Test
    void removingALabelNeedsTheVersionThatHasIt() {
        secret();
        put("v2", "two", AWSPENDING);
        assertThrows(InvalidParameterException.class, () -> stage(AWSPENDING, null, "v1"));
        stage(AWSPENDING, null, "v2");
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v2", List.of()));
        assertThrows(InvalidParameterException.class, () -> stage(AWSCURRENT, null, "v1"), "AWSCURRENT can only move");
        assertThrows(InvalidParameterException.class, () -> stage(AWSPENDING, null, null));
        assertThrows(ResourceNotFoundException.class, () -> stage(AWSPENDING, "nope", null));
    }

    // ---------------------------------------------------------------- DescribeSecret, ListSecretVersionIds, tags

    @Test
    void describeShowsOnlyLabelledVersionsAndRotationSettings() {
        String arn = secret();
        put("v2", "two");
        put("v3", "three"); // v1 is now deprecated
        sm.enableRotation("app/db", LAMBDA, "rate(30 days)");
        DescribeSecretResponse d = sm.describeSecret(r -> r.secretId(arn));
        assertEquals(arn, d.arn());
        assertEquals("app/db", d.name());
        assertEquals(Map.of("v2", List.of(AWSPREVIOUS), "v3", List.of(AWSCURRENT)), d.versionIdsToStages());
        assertTrue(d.rotationEnabled());
        assertEquals(LAMBDA, d.rotationLambdaARN());
        assertEquals("rate(30 days)", d.rotationRules().scheduleExpression());
        assertNull(d.lastRotatedDate());
        assertEquals(T0.plus(Duration.ofDays(30)), d.nextRotationDate());
        assertEquals(T0, d.createdDate());
        assertEquals(List.of(Tag.builder().key("team").value("payments").build()), d.tags());
    }

    @Test
    void listSecretVersionIdsHidesDeprecatedVersionsUnlessAsked() {
        secret();
        put("v2", "two");
        put("v3", "three");
        List<SecretVersionsListEntry> labelled = sm.listSecretVersionIds(r -> r.secretId("app/db")).versions();
        assertEquals(List.of("v2", "v3"), labelled.stream().map(SecretVersionsListEntry::versionId).toList());
        List<SecretVersionsListEntry> all = sm.listSecretVersionIds(r -> r.secretId("app/db").includeDeprecated(true)).versions();
        assertEquals(List.of("v1", "v2", "v3"), all.stream().map(SecretVersionsListEntry::versionId).toList());
        assertEquals(List.of(), all.get(0).versionStages());
    }

    @Test
    void tagAndUntag() {
        secret();
        sm.tagResource(r -> r.secretId("app/db").tags(Tag.builder().key("color").value("blue").build()));
        sm.untagResource(r -> r.secretId("app/db").tagKeys("team"));
        assertEquals(List.of(Tag.builder().key("color").value("blue").build()), sm.describeSecret(r -> r.secretId("app/db")).tags());
    }

    // ---------------------------------------------------------------- GetRandomPassword

    @Test
    void randomPasswordDefaultsTo32WithEveryType() {
        String p = sm.getRandomPassword(r -> {}).randomPassword();
        assertEquals(32, p.length());
        assertTrue(p.chars().anyMatch(Character::isLowerCase) && p.chars().anyMatch(Character::isUpperCase)
                && p.chars().anyMatch(Character::isDigit) && p.chars().anyMatch(c -> RandomPasswords.PUNCTUATION.indexOf(c) >= 0), p);
        assertFalse(p.contains(" "));
    }

    @Test
    void randomPasswordHonoursExclusions() {
        for (int i = 0; i < 20; i++) {
            String p = sm.getRandomPassword(r -> r.passwordLength(40L).excludePunctuation(true).excludeCharacters("aeiouAEIOU01")
                    .excludeUppercase(false)).randomPassword();
            assertEquals(40, p.length());
            assertTrue(p.matches("[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z2-9]+"), p);
        }
        String digits = sm.getRandomPassword(r -> r.passwordLength(12L).excludeLowercase(true).excludeUppercase(true)
                .excludePunctuation(true)).randomPassword();
        assertTrue(digits.matches("\\d{12}"), digits);
        String spaced = sm.getRandomPassword(r -> r.passwordLength(4096L).includeSpace(true)).randomPassword();
        assertTrue(spaced.contains(" "));
    }

    @Test
    void randomPasswordValidation() {
        assertThrows(InvalidParameterException.class, () -> sm.getRandomPassword(r -> r.passwordLength(0L)));
        assertThrows(InvalidParameterException.class, () -> sm.getRandomPassword(r -> r.passwordLength(4097L)));
        assertThrows(InvalidParameterException.class, () -> sm.getRandomPassword(r -> r.passwordLength(3L)),
                "4 required types do not fit in 3 characters");
        assertEquals(3, sm.getRandomPassword(r -> r.passwordLength(3L).requireEachIncludedType(false)).randomPassword().length());
        assertThrows(InvalidParameterException.class, () -> sm.getRandomPassword(r -> r.excludeLowercase(true)
                .excludeUppercase(true).excludeNumbers(true).excludePunctuation(true)));
    }

    // ---------------------------------------------------------------- RotateSecret

    /** A minimal well-behaved rotation function, written against the fake's own API. */
    private final List<Map<String, String>> events = new ArrayList<>();

    private void installRotator(String failingStep) {
        sm.setRotationFunction(e -> {
            events.add(e);
            String id = e.get("SecretId");
            String token = e.get("ClientRequestToken");
            if (e.get("Step").equals(failingStep)) {
                throw new IllegalStateException("database unreachable");
            }
            switch (e.get("Step")) {
                case "createSecret" -> sm.putSecretValue(r -> r.secretId(id).clientRequestToken(token).secretString("new")
                        .versionStages(AWSPENDING).rotationToken(e.get("RotationToken")));
                case "finishSecret" -> {
                    String current = sm.getSecretValue(r -> r.secretId(id)).versionId();
                    if (!current.equals(token)) {
                        sm.updateSecretVersionStage(r -> r.secretId(id).versionStage(AWSCURRENT).moveToVersionId(token).removeFromVersionId(current));
                    }
                }
                default -> { }
            }
        });
    }

    @Test
    void rotateSecretRunsTheFourStepsAndRecordsTheRotation() {
        String arn = secret();
        installRotator(null);
        sm.clearCalls();
        clock.advance(Duration.ofHours(1));
        var response = sm.rotateSecret(r -> r.secretId("app/db").clientRequestToken("tok").rotationLambdaARN(LAMBDA)
                .rotationRules(rr -> rr.automaticallyAfterDays(7L)));

        assertEquals("tok", response.versionId());
        assertEquals(arn, response.arn());
        assertEquals(FakeSecretsManager.ROTATION_STEPS, events.stream().map(e -> e.get("Step")).toList());
        for (Map<String, String> e : events) {
            assertEquals(arn, e.get("SecretId"));
            assertEquals("tok", e.get("ClientRequestToken"));
            assertEquals(events.get(0).get("RotationToken"), e.get("RotationToken"));
        }
        assertEquals(events.get(0).get("RotationToken"), sm.lastRotationTokenSeen());
        assertStages(Map.of("v1", List.of(AWSPREVIOUS), "tok", List.of(AWSPENDING, AWSCURRENT)));
        DescribeSecretResponse d = sm.describeSecret(r -> r.secretId("app/db"));
        assertTrue(d.rotationEnabled());
        assertEquals(LAMBDA, d.rotationLambdaARN());
        assertEquals(T0.plus(Duration.ofHours(1)), d.lastRotatedDate());
        assertEquals(T0.plus(Duration.ofHours(1)).plus(Duration.ofDays(7)), d.nextRotationDate());
        assertEquals(List.of("RotateSecret", "PutSecretValue", "GetSecretValue", "UpdateSecretVersionStage", "DescribeSecret"), sm.calls());

        // AWSPENDING left on the current version does not block the next rotation.
        String next = sm.rotateSecret(r -> r.secretId("app/db")).versionId();
        assertStages(Map.of("v1", List.of(), "tok", List.of(AWSPREVIOUS), next, List.of(AWSPENDING, AWSCURRENT)));
    }

    @Test
    void failedStepLeavesAwsPendingAndBlocksRotationUntilRetried() {
        secret();
        sm.enableRotation("app/db", LAMBDA, "rate(1 days)");
        installRotator("setSecret");
        var e = assertThrows(IllegalStateException.class, () -> sm.rotateSecret(r -> r.secretId("app/db").clientRequestToken("tok")));
        assertEquals("database unreachable", e.getMessage());
        assertEquals(List.of("createSecret", "setSecret"), events.stream().map(m -> m.get("Step")).toList());
        assertStages(Map.of("v1", List.of(AWSCURRENT), "tok", List.of(AWSPENDING)));
        assertNull(sm.describeSecret(r -> r.secretId("app/db")).lastRotatedDate());

        var busy = assertThrows(InvalidRequestException.class, () -> sm.rotateSecret(r -> r.secretId("app/db")));
        assertEquals("A previous rotation isn't complete. That rotation will be reattempted.", busy.awsErrorDetails().errorMessage());

        installRotator(null);
        events.clear();
        sm.retryPendingRotation("app/db");
        assertEquals(FakeSecretsManager.ROTATION_STEPS, events.stream().map(m -> m.get("Step")).toList());
        assertTrue(events.stream().allMatch(m -> m.get("ClientRequestToken").equals("tok")));
        assertStages(Map.of("v1", List.of(AWSPREVIOUS), "tok", List.of(AWSPENDING, AWSCURRENT)));
        assertNotNull(sm.describeSecret(r -> r.secretId("app/db")).lastRotatedDate());
    }

    @Test
    void aRotationStagesANewVersionWithoutAValue() {
        secret();
        List<String> seenByCreateSecret = new ArrayList<>();
        sm.setRotationFunction(e -> {
            if (e.get("Step").equals("createSecret")) {
                seenByCreateSecret.addAll(sm.versionStages("app/db").getOrDefault(e.get("ClientRequestToken"), List.of()));
                var missing = assertThrows(ResourceNotFoundException.class,
                        () -> sm.getSecretValue(r -> r.secretId("app/db").versionId(e.get("ClientRequestToken")).versionStage(AWSPENDING)));
                assertTrue(missing.getMessage().contains("can't find the specified secret value"), missing.getMessage());
            }
            throw new IllegalStateException("stop after the first step");
        });
        assertThrows(IllegalStateException.class,
                () -> sm.rotateSecret(r -> r.secretId("app/db").clientRequestToken("tok").rotationLambdaARN(LAMBDA)));
        assertEquals(List.of(AWSPENDING), seenByCreateSecret);
    }

    @Test
    void rotateNotImmediatelyTestsOnACopyOfTheCurrentValueThenRemovesThatVersion() {
        secret();
        List<GetSecretValueResponse> seen = new ArrayList<>();
        sm.setRotationFunction(e -> {
            events.add(e);
            seen.add(sm.getSecretValue(r -> r.secretId(e.get("SecretId")).versionId(e.get("ClientRequestToken")).versionStage(AWSPENDING)));
        });
        String token = sm.rotateSecret(r -> r.secretId("app/db").rotationLambdaARN(LAMBDA).rotateImmediately(false)).versionId();

        assertEquals(List.of("testSecret"), events.stream().map(m -> m.get("Step")).toList());
        assertNotEquals("v1", token, "a new version, not AWSCURRENT's");
        assertEquals("one", seen.get(0).secretString(), "the test version holds a copy of AWSCURRENT's value");
        assertEquals(List.of(AWSPENDING), seen.get(0).versionStages());
        assertEquals(token, seen.get(0).versionId());
        assertStages(Map.of("v1", List.of(AWSCURRENT)));
        DescribeSecretResponse d = sm.describeSecret(r -> r.secretId("app/db"));
        assertTrue(d.rotationEnabled());
        assertNull(d.lastRotatedDate());
        assertEquals(Map.of("v1", List.of(AWSCURRENT)), d.versionIdsToStages());
    }

    @Test
    void aFailedConfigurationTestStillRemovesItsVersion() {
        secret();
        installRotator("testSecret");
        assertThrows(IllegalStateException.class,
                () -> sm.rotateSecret(r -> r.secretId("app/db").clientRequestToken("tok").rotationLambdaARN(LAMBDA).rotateImmediately(false)));
        assertStages(Map.of("v1", List.of(AWSCURRENT)));
    }

    @Test
    void rotateWithoutALambdaIsAnInvalidRequest() {
        secret();
        installRotator(null);
        assertThrows(InvalidRequestException.class, () -> sm.rotateSecret(r -> r.secretId("app/db")));
        assertTrue(events.isEmpty());
        assertStages(Map.of("v1", List.of(AWSCURRENT)));
    }

    // ---------------------------------------------------------------- failure injection and concurrency

    @Test
    void failNextCallLeavesNoVersionBehind() {
        secret();
        RuntimeException reset = new RuntimeException("connection reset");
        sm.failNextCall("PutSecretValue", reset);
        assertSame(reset, assertThrows(RuntimeException.class, () -> put("v2", "two", AWSPENDING)));
        assertStages(Map.of("v1", List.of(AWSCURRENT)));
    }

    @Test
    void failAfterNextCallKeepsTheWriteSoARetryWithTheSameTokenIsANoOp() {
        secret();
        RuntimeException timeout = new RuntimeException("read timed out");
        sm.failAfterNextCall("PutSecretValue", timeout);
        assertSame(timeout, assertThrows(RuntimeException.class, () -> put("v2", "two", AWSPENDING)));
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v2", List.of(AWSPENDING)));
        assertEquals("v2", put("v2", "two", AWSPENDING).versionId());

        sm.failAfterNextCall("UpdateSecretVersionStage", timeout);
        assertThrows(RuntimeException.class, () -> stage(AWSCURRENT, "v2", "v1"));
        assertStages(Map.of("v1", List.of(AWSPREVIOUS), "v2", List.of(AWSPENDING, AWSCURRENT)));
        assertEquals(List.of("CreateSecret", "PutSecretValue", "PutSecretValue", "UpdateSecretVersionStage"), sm.calls());
    }

    @Test
    void failCallLetsTheCallsBeforeItPassAndALostResponseHidesTheServiceError() {
        secret();
        RuntimeException timeout = new RuntimeException("read timed out");
        sm.failCall("PutSecretValue", 1, true, timeout);
        put("v2", "two", AWSPENDING);
        assertTrue(sm.faultPending("PutSecretValue"), "the first call passed; the fault waits for the second");
        assertSame(timeout, assertThrows(RuntimeException.class, () -> put("v3", "three", AWSPENDING)));
        assertFalse(sm.faultPending("PutSecretValue"));
        assertStages(Map.of("v1", List.of(AWSCURRENT), "v3", List.of(AWSPENDING), "v2", List.of()));

        // A call that fails at AWS (no such version) and whose response is lost: the caller sees the crash.
        sm.failCall("GetSecretValue", 0, true, timeout);
        assertSame(timeout, assertThrows(RuntimeException.class,
                () -> sm.getSecretValue(r -> r.secretId("app/db").versionId("no-such-version"))));
        assertEquals(1, sm.valueReadsOf(sm.describeSecret(r -> r.secretId("app/db")).arn()));
    }

    @Test
    void concurrentWritersKeepOneAwsCurrent() throws Exception {
        secret();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String token = "t" + i;
                futures.add(pool.submit(() -> put(token, token)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, List<String>> stages = sm.versionStages("app/db");
        assertEquals(201, stages.size());
        assertEquals(1, stages.values().stream().filter(s -> s.contains(AWSCURRENT)).count());
        assertEquals(1, stages.values().stream().filter(s -> s.contains(AWSPREVIOUS)).count());
    }

    @Test
    void deleteSecretWithoutRecoveryRemovesItAndARecoveryWindowIsNotModelled() {
        String arn = sm.createSecret("gone", "{}");
        assertThrows(UnsupportedOperationException.class, () -> sm.deleteSecret(r -> r.secretId(arn)));
        sm.getSecretValue(r -> r.secretId(arn));
        sm.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));
        assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId("gone")));
    }
}
