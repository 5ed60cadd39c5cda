package org.bluegreen.rotator.scenario;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.RotationHandler;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.rotator.rotation.StepOutcome;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.MutableClock;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.TestDatabase;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A blue/green pair as a deployment has it: two users in a real database, their secrets in Secrets Manager,
 * the pointer in SSM naming green, two ECS services redeployed since the pointer was set, and the rotation
 * handler wired to all of it, as the function Secrets Manager invokes. AWS is the in-memory fakes; the database is
 * real.
 *
 * <p>Both secrets rotate every 30 days, green's made 15 days after blue's, so their rotations fall two weeks apart.
 * (The template's defaults are cron schedules on the 1st and the 15th; the fake Secrets Manager gives a
 * {@code NextRotationDate} for {@code rate()} schedules only, and the doctor needs it.)
 *
 * <p>The pair drives steps and reads its state; its parts do the rest: {@link #faults} injects failures,
 * {@link #leaks} knows every password it has held and fails a test that prints one, and {@link PairSnapshot}
 * records what a refused or failed step must leave as it was.
 */
public final class BlueGreenPair implements AutoCloseable {

    public static final String CLUSTER = "prod";
    public static final List<String> SERVICES = List.of("web", "worker");
    public static final String POINTER = "/app/db/active-slot";
    public static final String BLUE_SECRET = "app-blue";
    public static final String GREEN_SECRET = "app-green";
    /** The rotation function both secrets name. */
    public static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:bluegreen-rotator";
    private static final String SCHEDULE = "rate(30 days)";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    public final FakeSecretsManager secrets = new FakeSecretsManager(clock);
    public final FakeSsm ssm = new FakeSsm(clock);
    public final FakeEcs ecs = new FakeEcs(clock);
    public final TestDatabase db;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    /** The function's environment, as Lambda would give it. */
    public final Map<String, String> env = new HashMap<>(Map.of(
            "POINTER_PARAMETER", POINTER,
            "ECS_CLUSTER", CLUSTER,
            "ECS_SERVICES", String.join(",", SERVICES)));

    public final String blueUser;
    public final String greenUser;
    /** The admin user of the {@code masterarn} secret; null for a self-service pair. */
    public final String adminUser;
    /** The admin's password and its secret (shaped as RDS's managed master secret); null for a self-service pair. */
    public final String adminPassword;
    public final String adminArn;
    public final String blueArn;
    public final String greenArn;
    /** Every password this pair has known: none may ever appear in logs or messages. */
    public final PasswordLeakCheck leaks = new PasswordLeakCheck(secrets, this::slotSecrets);
    public final Faults faults = new Faults(secrets, ssm, ecs);
    /** Where the function reaches the database: the database itself, or a relay a test can cut ({@link DatabaseOutage}). */
    private final String endpointHost;
    private final int endpointPort;

    /** The users exist already, with these passwords; with {@code adminMode} an admin user and secret are made. */
    private BlueGreenPair(TestDatabase db, boolean adminMode, String blueUser, String bluePassword, String greenUser,
                          String greenPassword) throws SQLException {
        this(db, null, adminMode, blueUser, bluePassword, greenUser, greenPassword);
    }

    private BlueGreenPair(TestDatabase db, DatabaseOutage relay, boolean adminMode, String blueUser, String bluePassword,
                          String greenUser, String greenPassword) throws SQLException {
        this.db = db;
        this.endpointHost = relay == null ? db.host() : relay.host();
        this.endpointPort = relay == null ? db.port() : relay.port();
        this.blueUser = blueUser;
        this.greenUser = greenUser;
        leaks.remember(bluePassword);
        leaks.remember(greenPassword);
        adminUser = adminMode ? DbNames.unique("admin") : null;
        adminPassword = adminMode ? newPassword() : null;
        if (adminMode) {
            leaks.remember(adminPassword);
            db.createAdmin(adminUser, adminPassword);
            // The shape of an RDS-managed master secret: only username and password (and, for a test server
            // without TLS, "ssl": false: without it the admin insists on TLS).
            adminArn = secrets.createSecret("rds-admin", "{\"username\":\"" + adminUser + "\",\"password\":\"" + adminPassword
                    + "\"" + (db.tls() ? "" : ",\"ssl\":false") + "}");
        } else {
            adminArn = null;
        }
        blueArn = createSlotSecret(BLUE_SECRET, "blue", blueUser, GREEN_SECRET, secretJson(blueUser, bluePassword, adminArn));
        clock.advance(Duration.ofDays(15));
        greenArn = createSlotSecret(GREEN_SECRET, "green", greenUser, BLUE_SECRET, secretJson(greenUser, greenPassword, adminArn));
        // The one database the function may send passwords to, as the template pins it.
        env.put("DB_ENDPOINTS", endpointHost + ":" + endpointPort + "/" + db.dbname());
        secrets.setRotationFunction(this::invoke);

        // The app runs on green; the services were deployed after the pointer was set, so blue is drained.
        ssm.putParameter(b -> b.name(POINTER).value("green").type(ParameterType.STRING));
        clock.advance(Duration.ofMinutes(5));
        SERVICES.forEach(s -> ecs.createService(CLUSTER, s, 2));
        clock.advance(Duration.ofDays(1));
    }

    private static BlueGreenPair create(TestDatabase db, boolean adminMode, String blueUser) throws SQLException {
        return create(db, null, adminMode, blueUser);
    }

    private static BlueGreenPair create(TestDatabase db, DatabaseOutage relay, boolean adminMode, String blueUser)
            throws SQLException {
        String greenUser = DbNames.unique("green");
        String bluePassword = newPassword();
        String greenPassword = newPassword();
        db.createAppUser(blueUser, bluePassword);
        db.createAppUser(greenUser, greenPassword);
        return new BlueGreenPair(db, relay, adminMode, blueUser, bluePassword, greenUser, greenPassword);
    }

    /** A pair whose function reaches the database through {@code relay}, so a test can take the database away. */
    static BlueGreenPair behind(DatabaseOutage relay, TestDatabase db, boolean adminMode) throws SQLException {
        return create(db, relay, adminMode, DbNames.unique("blue"));
    }

    public static BlueGreenPair of(TestDatabase db, boolean adminMode) throws SQLException {
        return create(db, adminMode, DbNames.unique("blue"));
    }

    public static BlueGreenPair selfService(TestDatabase db) throws SQLException {
        return create(db, false, DbNames.unique("blue"));
    }

    public static BlueGreenPair adminMode(TestDatabase db) throws SQLException {
        return create(db, true, DbNames.unique("blue"));
    }

    static BlueGreenPair withBlueUser(TestDatabase db, String blueUserName) throws SQLException {
        return create(db, false, blueUserName);
    }

    /** A pair over users made elsewhere (e.g. by the setup SQL), self-service. */
    public static BlueGreenPair forExistingUsers(TestDatabase db, String blueUser, String bluePassword, String greenUser,
                                                 String greenPassword) throws SQLException {
        return new BlueGreenPair(db, false, blueUser, bluePassword, greenUser, greenPassword);
    }

    public String secretJson(String user, String password, String masterArn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", db.engine());
        m.put("host", endpointHost);
        m.put("port", endpointPort);
        m.put("username", user);
        m.put("password", password);
        m.put("dbname", db.dbname());
        if (masterArn != null) {
            m.put("masterarn", masterArn);
        }
        m.put("ssl", db.tls());
        try {
            return JSON.std.asString(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A slot secret tagged as the template tags it: its slot, its one user and the other slot's secret. */
    private String createSlotSecret(String name, String slot, String user, String peer, String json) {
        String arn = secrets.createSecret(name, json);
        secrets.tagResource(b -> b.secretId(arn).tags(Tag.builder().key("bluegreen:slot").value(slot).build(),
                Tag.builder().key("bluegreen:username").value(user).build(),
                Tag.builder().key("bluegreen:peer-secret").value(peer).build()));
        secrets.enableRotation(arn, FUNCTION, SCHEDULE);
        return arn;
    }

    private List<String> slotSecrets() {
        return List.of(blueArn, greenArn);
    }

    public static String newPassword() {
        return "Pw-" + UUID.randomUUID();
    }

    // ---------------------------------------------------------------- driving rotations

    public RotationHandler handler() {
        JsonLog log = new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), clock, new Redactor());
        return new RotationHandler(Map.copyOf(env), new AwsClients(secrets, ssm, ecs), log);
    }

    /** An operator sets a new password for {@code user} in the database by hand, which no secret holds; returns it. */
    public String setPasswordByHand(String user) throws SQLException {
        String password = "Changed-by-hand-" + UUID.randomUUID();
        leaks.remember(password);
        db.setPassword(user, password);
        return password;
    }

    /** Stages a new AWSPENDING version, as Secrets Manager does before createSecret; returns its token. */
    public String startRotation(String secretArn) {
        String token = UUID.randomUUID().toString();
        secrets.stagePendingVersion(secretArn, token);
        return token;
    }

    public void step(String step, String secretArn, String token) {
        invoke(Map.of("Step", step, "SecretId", secretArn, "ClientRequestToken", token));
    }

    /** One invocation of the function with {@code event}, as Lambda runs it for Secrets Manager. */
    private void invoke(Map<String, String> event) {
        try {
            faults.beforeStep(event.get("Step"));
            handler().handle(new HashMap<>(event));
        } catch (RuntimeException e) {
            leaks.assertNoneIn(String.valueOf(e.getMessage()), "the message of the step's exception");
            throw e;
        } finally {
            clock.advance(Duration.ofSeconds(2));
        }
    }

    /** A rotation of {@code secretArn} up to (not including) finishSecret; returns its token. */
    public String rotateUpToFinish(String secretArn) {
        String token = startRotation(secretArn);
        for (String step : List.of("createSecret", "setSecret", "testSecret")) {
            step(step, secretArn, token);
        }
        return token;
    }

    /** Creates the third, "active" secret and configures the function to keep it equal to the active slot. */
    public String withActiveSecret() {
        String arn = secrets.createSecret("app-active", "{}");
        env.put("ACTIVE_SECRET", arn);
        return arn;
    }

    /** A whole rotation: the four steps in order, as Secrets Manager invokes them. */
    public String rotate(String secretArn) {
        String token = startRotation(secretArn);
        for (String step : FakeSecretsManager.ROTATION_STEPS) {
            step(step, secretArn, token);
        }
        return token;
    }

    /**
     * Secrets Manager's RotateSecret: it refuses while an earlier rotation left AWSPENDING, else stages a new
     * AWSPENDING version and invokes the function with each step; a step that throws stops it.
     */
    public void rotateSecret(String secretArn) {
        secrets.rotateSecret(b -> b.secretId(secretArn));
    }

    /** ECS finishes every rolling deployment, some minutes later. */
    public void rolloutsComplete() {
        clock.advance(Duration.ofMinutes(10));
        ecs.completeRollouts();
        clock.advance(Duration.ofMinutes(1));
    }

    // ---------------------------------------------------------------- reading the state

    public String password(String secretArn, String stage) {
        try {
            return JSON.std.mapFrom(secretString(secretArn, null, stage)).get("password").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the " + stage + " value of " + secretArn + " is not JSON");
        }
    }

    public String secretString(String secretArn, String versionId, String stage) {
        return secrets.getSecretValue(b -> b.secretId(secretArn).versionId(versionId).versionStage(stage)).secretString();
    }

    public Map<String, List<String>> stages(String secretArn) {
        return secrets.versionStages(secretArn);
    }

    public Parameter pointer() {
        return ssm.getParameter(b -> b.name(POINTER)).parameter();
    }

    public List<Deployment> deployments(String service) {
        return ecs.deployments(CLUSTER, service);
    }

    public String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /** The handler's log, one parsed JSON object per line, in order: its fields are what queries and alarms read. */
    public List<Map<String, Object>> logLines() {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (String line : log().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                lines.add(JSON.std.mapFrom(line));
            } catch (java.io.IOException notJson) {
                throw new IllegalStateException("a log line that is not JSON: " + line, notJson);
            }
        }
        return lines;
    }

    /** The {@code result} of each succeeded step's line, in order: what the handler logs for queries and alarms. */
    public List<StepOutcome.Result> stepResults() {
        return logLines().stream().filter(json -> "succeeded".equals(json.get("outcome")))
                .map(json -> StepOutcome.Result.valueOf(String.valueOf(json.get("result")))).toList();
    }

    /** The result of the last succeeded step. */
    public StepOutcome.Result lastResult() {
        List<StepOutcome.Result> results = stepResults();
        return results.get(results.size() - 1);
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
