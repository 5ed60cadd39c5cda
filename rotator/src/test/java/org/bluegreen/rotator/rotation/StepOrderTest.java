package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.PointerParameter;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.engine.EngineRefusal;
import org.bluegreen.rotator.engine.LiveSession;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order inside a step, fast (no database, no AWS HTTP): the {@link Rotator} runs on in-memory Secrets Manager, SSM
 * and ECS and an {@link InMemoryDatabase} behind its database seam, and every guard and write rule must stop the step
 * before any write: no password change, no PutSecretValue, no pointer write, no redeployment. The same guards on real
 * servers are the scenario suite's (AttackScenarios, PostgresAttackTest, MySqlFamilyAttackTest).
 */
class StepOrderTest {

    private static final String POINTER = "/app/db/active-slot";
    private static final List<String> WRITES = List.of("PutSecretValue", "UpdateSecretVersionStage", "PutParameter",
            "UpdateService");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final FakeSecretsManager secrets = new FakeSecretsManager(clock);
    private final FakeSsm ssm = new FakeSsm(clock);
    private final FakeEcs ecs = new FakeEcs(clock);
    private final InMemoryDatabase db = new InMemoryDatabase().withUser("app_blue", "blue-pw").withUser("app_green", "green-pw");
    private Rotator rotator;
    private String blueArn;

    @BeforeEach
    void pair() {
        blueArn = slot("app-blue", "blue", "app_blue", "app-green", "blue-pw");
        slot("app-green", "green", "app_green", "app-blue", "green-pw");
        // The app runs on green; the services were deployed after the pointer was set, so blue is drained.
        ssm.putParameter(b -> b.name(POINTER).value("green").type(ParameterType.STRING));
        clock.advance(Duration.ofMinutes(5));
        ecs.createService("prod", "web", 2);
        clock.advance(Duration.ofDays(1));
        FunctionSettings settings = FunctionSettings.fromEnvironment(Map.of("POINTER_PARAMETER", POINTER,
                "ECS_CLUSTER", "prod", "ECS_SERVICES", "web", "DB_ENGINE", "postgres",
                "DB_ENDPOINTS", "db.example.com:5432/appdb"));
        rotator = new Rotator(new SecretStore(() -> secrets), new PointerParameter(() -> ssm), new EcsServices(() -> ecs),
                settings, new DatabaseAccess(db), JsonLog.discarding());
    }

    private String slot(String name, String slot, String user, String peer, String password) {
        String arn = secrets.createSecret(name, json(user, password, "db.example.com"));
        secrets.tagResource(b -> b.secretId(arn).tags(Tag.builder().key("bluegreen:slot").value(slot).build(),
                Tag.builder().key("bluegreen:username").value(user).build(),
                Tag.builder().key("bluegreen:peer-secret").value(peer).build()));
        secrets.enableRotation(arn, "arn:aws:lambda:us-east-1:123456789012:function:rotator", "rate(30 days)");
        return arn;
    }

    private static String json(String user, String password, String host) {
        return "{\"engine\":\"postgres\",\"host\":\"" + host + "\",\"port\":5432,\"dbname\":\"appdb\",\"username\":\""
                + user + "\",\"password\":\"" + password + "\"}";
    }

    private StepOutcome step(String step, String token) {
        return rotator.runStep(Map.of("Step", step, "SecretId", blueArn, "ClientRequestToken", token));
    }

    private String start() {
        String token = UUID.randomUUID().toString();
        secrets.stagePendingVersion(blueArn, token);
        secrets.clearCalls();
        ssm.clearCalls();
        ecs.clearCalls();
        return token;
    }

    private List<String> awsWrites() {
        return java.util.stream.Stream.of(secrets.calls(), ssm.calls(), ecs.calls()).flatMap(List::stream)
                .filter(WRITES::contains).toList();
    }

    private static Refusal.Reason refused(StepOutcome outcome) {
        return assertInstanceOf(StepOutcome.Refused.class, outcome, outcome.message()).reason();
    }

    @Test
    void aWholeRotationRunsOnTheSeam() {
        String token = start();
        for (String step : FakeSecretsManager.ROTATION_STEPS) {
            assertInstanceOf(StepOutcome.Succeeded.class, step(step, token), step);
        }
        assertEquals(List.of("changePassword app_blue"), db.writes());
        assertTrue(!db.passwords.get("app_blue").equals("blue-pw"), "the password changed");
        assertEquals("blue", ssm.getParameter(b -> b.name(POINTER)).parameter().value());
        assertTrue(awsWrites().containsAll(List.of("PutSecretValue", "UpdateSecretVersionStage", "PutParameter",
                "UpdateService")), awsWrites().toString());
    }

    @Test
    void theActiveSlotIsRefusedBeforeAnyLoginOrWrite() {
        ssm.putParameter(b -> b.name(POINTER).value("blue").type(ParameterType.STRING).overwrite(true));
        String token = start();

        assertEquals(Refusal.Reason.ACTIVE_SLOT, refused(step("createSecret", token)));
        assertEquals(List.of(), db.calls, "no login, no write");
        assertEquals(List.of(), awsWrites());
    }

    @Test
    void anUnsafeRoleIsRefusedBeforeThePendingPasswordIsStored() {
        db.unsafeToRotate.add("role 'app_blue' is a superuser");
        String token = start();

        assertEquals(Refusal.Reason.PROTECTED_USER, refused(step("createSecret", token)));
        assertEquals(List.of(), db.writes());
        assertEquals(List.of(), awsWrites(), "no PutSecretValue");
    }

    @Test
    void liveSessionsAreRefusedBeforeThePendingPasswordIsStored() {
        db.liveSessions.add(new LiveSession("10.0.0.7", 2));
        String token = start();

        assertEquals(Refusal.Reason.LIVE_SESSIONS, refused(step("createSecret", token)));
        assertEquals(List.of(), awsWrites());
    }

    @Test
    void aForgedHostIsRefusedBeforeAnyLoginWithIt() {
        // Someone with PutSecretValue on the slot writes an AWSCURRENT naming their host, to receive the next password.
        secrets.putSecretValue(b -> b.secretId(blueArn).clientRequestToken(UUID.randomUUID().toString())
                .secretString(json("app_blue", "blue-pw", "evil.example.com")).versionStages("AWSCURRENT"));
        String token = start();

        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, refused(step("createSecret", token)));
        assertEquals(List.of(), db.calls, "no login anywhere, no password change");
        assertEquals(List.of(), awsWrites(), "no PutSecretValue");
    }

    @Test
    void anEngineRefusalOfThePasswordChangeIsARefusalThatChangedNothing() {
        String token = start();
        assertInstanceOf(StepOutcome.Succeeded.class, step("createSecret", token));
        db.passwordChangeFails = new EngineRefusal(EngineRefusal.Reason.NO_SUCH_ACCOUNT, "no account with user name 'app_blue'");
        secrets.clearCalls();

        StepOutcome outcome = step("setSecret", token);

        assertEquals(Refusal.Reason.PROTECTED_USER, refused(outcome));
        assertEquals(Optional.of(Refusal.Reason.PROTECTED_USER), outcome.refusal());
        assertEquals("blue-pw", db.passwords.get("app_blue"));
        assertEquals(List.of(), awsWrites());
        assertEquals("green", ssm.getParameter(b -> b.name(POINTER)).parameter().value());
    }
}
