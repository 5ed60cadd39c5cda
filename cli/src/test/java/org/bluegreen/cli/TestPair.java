package org.bluegreen.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.RotationHandler;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.MutableClock;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A healthy blue/green pair for the CLI's tests: two users with the same rights in a real password-checking
 * PostgreSQL, their secrets (rotating with one function, two weeks apart), the pointer naming blue, two ECS
 * services redeployed since; AWS is the in-memory fakes, and the real rotation handler is wired to them.
 */
final class TestPair implements AutoCloseable {

    static final String BLUE = "app-blue";
    static final String GREEN = "app-green";
    static final String POINTER = "/app/db/active-slot";
    static final String CLUSTER = "prod";
    static final List<String> SERVICES = List.of("web", "worker");
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:bluegreen-rotator";
    static final List<String> WRITES = List.of("PutSecretValue", "UpdateSecretVersionStage", "PutParameter", "UpdateService",
            "RotateSecret", "TagResource", "UntagResource", "CreateSecret");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final FakeSecretsManager secrets = new FakeSecretsManager(clock);
    final FakeSsm ssm = new FakeSsm(clock);
    final FakeEcs ecs = new FakeEcs(clock);
    final PasswordCheckingPostgres server = PasswordCheckingPostgres.shared();
    final PasswordCheckingPostgres.Scope scope = server.scope();
    final String dbname;
    final String blueUser = DbNames.unique("blue");
    final String greenUser = DbNames.unique("green");
    final Map<String, String> env = new HashMap<>();
    /** Every password this pair has known: none may ever appear in the CLI's output. */
    private final List<String> passwords = new ArrayList<>();
    private final List<Connection> held = new ArrayList<>();
    private final ByteArrayOutputStream rotationLog = new ByteArrayOutputStream();

    TestPair() throws SQLException {
        dbname = scope.createDatabase(DbNames.unique("app"));
        String bluePassword = newPassword();
        String greenPassword = newPassword();
        scope.createLoginRole(blueUser, bluePassword);
        scope.createLoginRole(greenUser, greenPassword);
        admin("CREATE SCHEMA app", "CREATE TABLE app.orders (id serial PRIMARY KEY, total numeric)");
        for (String user : List.of(blueUser, greenUser)) {
            admin("GRANT CONNECT ON DATABASE " + dbname + " TO " + user, "GRANT USAGE ON SCHEMA app TO " + user,
                    "GRANT SELECT, INSERT, UPDATE ON app.orders TO " + user, "GRANT USAGE ON SEQUENCE app.orders_id_seq TO " + user);
        }

        // Two weeks apart, so rate(30 days) never puts both rotations on one day.
        createSlotSecret(BLUE, "blue", secretJson(blueUser, bluePassword));
        clock.advance(Duration.ofDays(15));
        createSlotSecret(GREEN, "green", secretJson(greenUser, greenPassword));

        // The app runs on blue; the services were deployed after the pointer was set, so green is drained.
        ssm.putParameter(b -> b.name(POINTER).value("blue").type(ParameterType.STRING));
        clock.advance(Duration.ofMinutes(5));
        SERVICES.forEach(s -> ecs.createService(CLUSTER, s, 2));
        clock.advance(Duration.ofHours(2));

        env.put("POINTER_PARAMETER", POINTER);
        env.put("ECS_CLUSTER", CLUSTER);
        env.put("ECS_SERVICES", String.join(",", SERVICES));
        if (server.sslEnabled()) {
            env.put("DB_CA_BUNDLE", server.sslRootCert().toString());
        }
        secrets.setRotationFunction(this::invokeHandler);
        clearCalls();
    }

    // ---------------------------------------------------------------- running the CLI

    /** @param calls the AWS operations this run called, Secrets Manager's then SSM's then ECS's */
    record Run(int exit, String out, String err, List<String> calls) {
        Map<String, Object> json() {
            try {
                return JSON.std.mapFrom(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    /** Runs the CLI against this pair's fakes and environment; fails the test if any password shows. */
    Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(() -> new AwsClients(secrets, ssm, ecs), Map.copyOf(env), clock,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int[] before = {secrets.calls().size(), ssm.calls().size(), ecs.calls().size()};
        int exit = BluegreenCli.run(context, args);
        List<String> calls = new ArrayList<>(secrets.calls().subList(before[0], secrets.calls().size()));
        calls.addAll(ssm.calls().subList(before[1], ssm.calls().size()));
        calls.addAll(ecs.calls().subList(before[2], ecs.calls().size()));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), calls);
        rememberPasswords();
        for (String password : passwords) {
            assertFalse(run.out().contains(password) || run.err().contains(password), "a password was printed");
        }
        return run;
    }

    /** {@code command --blue app-blue --green app-green extra...} */
    Run pairCommand(String command, String... extra) {
        return cli(Stream.concat(Stream.of(command, "--blue", BLUE, "--green", GREEN), Stream.of(extra)).toArray(String[]::new));
    }

    // ---------------------------------------------------------------- driving rotations

    /** Secrets Manager's RotateSecret, invoking the rotation function with each step (synchronously). */
    void rotate(String secret) {
        try {
            secrets.rotateSecret(b -> b.secretId(secret));
        } finally {
            rememberPasswords();
            clock.advance(Duration.ofMinutes(1));
        }
    }

    /** Replaces the rotation function, e.g. to crash at a step; {@link #invokeHandler} is the real one. */
    void rotationFunction(Consumer<Map<String, String>> function) {
        secrets.setRotationFunction(function);
    }

    /** One step through the real handler, as Lambda would run it. */
    void invokeHandler(Map<String, String> event) {
        JsonLog log = new JsonLog(new PrintStream(rotationLog, true, StandardCharsets.UTF_8), clock, new Redactor());
        new RotationHandler(Map.copyOf(env), new AwsClients(secrets, ssm, ecs), log).handle(new HashMap<>(event));
    }

    /** ECS finishes every rolling deployment some minutes later. */
    void rolloutsComplete() {
        clock.advance(Duration.ofMinutes(10));
        ecs.completeRollouts();
        clock.advance(Duration.ofMinutes(1));
    }

    void clearCalls() {
        secrets.clearCalls();
        ssm.clearCalls();
        ecs.clearCalls();
    }

    /** The write operations called on any fake since {@link #clearCalls}. */
    List<String> writes() {
        return Stream.of(secrets.calls(), ssm.calls(), ecs.calls()).flatMap(List::stream).filter(WRITES::contains).toList();
    }

    // ---------------------------------------------------------------- the database

    boolean logsIn(String user, String password) throws SQLException {
        try (Connection c = connect(user, password)) {
            return c.isValid(5);
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Keeps a session open as {@code user} until released (a task that still uses the slot). */
    void holdSession(String user, String password) throws SQLException {
        held.add(connect(user, password));
    }

    void releaseSessions() throws SQLException {
        for (Connection c : held) {
            c.close();
        }
        held.clear();
    }

    void setPassword(String user, String password) throws SQLException {
        passwords.add(password);
        server.setPassword(user, password);
    }

    void admin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection(dbname); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection(server.jdbcUrl(dbname), p);
    }

    // ---------------------------------------------------------------- reading AWS state

    String password(String secret, String stage) {
        try {
            return JSON.std.mapFrom(secrets.getSecretValue(b -> b.secretId(secret).versionStage(stage)).secretString())
                    .get("password").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every version with its labels, deprecated ones too. */
    Map<String, List<String>> stages(String secret) {
        return secrets.versionStages(secret);
    }

    String pointer() {
        return ssm.getParameter(b -> b.name(POINTER)).parameter().value();
    }

    List<Deployment> deployments(String service) {
        return ecs.deployments(CLUSTER, service);
    }

    /** What recover must leave alone without --yes: labels, pointer, deployments, and which passwords log in. */
    Map<String, Object> snapshot() throws SQLException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("blue", stages(BLUE));
        s.put("green", stages(GREEN));
        s.put("pointer", ssm.getParameter(b -> b.name(POINTER)).parameter().version());
        for (String service : SERVICES) {
            s.put(service, deployments(service).stream().map(d -> d.id() + "/" + d.rolloutStateAsString()).toList());
        }
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < passwords.size(); i++) {
            if (logsIn(blueUser, passwords.get(i))) {
                logins.add("blue:" + i);
            }
            if (logsIn(greenUser, passwords.get(i))) {
                logins.add("green:" + i);
            }
        }
        s.put("logins", logins);
        return s;
    }

    // ---------------------------------------------------------------- setup helpers

    String newPassword() {
        String p = "Pw-" + UUID.randomUUID();
        passwords.add(p);
        return p;
    }

    String secretJson(String user, String password) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "postgres");
        m.put("host", server.host());
        m.put("port", server.port());
        m.put("username", user);
        m.put("password", password);
        m.put("dbname", dbname);
        m.put("ssl", server.sslEnabled());
        try {
            return JSON.std.asString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createSlotSecret(String name, String slot, String json) {
        String arn = secrets.createSecret(name, json);
        secrets.tagResource(b -> b.secretId(arn).tags(Tag.builder().key("bluegreen:slot").value(slot).build()));
        secrets.enableRotation(arn, FUNCTION, "rate(30 days)");
    }

    /** Every password stored in any version so far (rotations make new ones). */
    private void rememberPasswords() {
        for (String secret : List.of(BLUE, GREEN)) {
            for (String version : secrets.versionStages(secret).keySet()) {
                try {
                    Object pw = JSON.std.mapFrom(secrets.getSecretValue(b -> b.secretId(secret).versionId(version))
                            .secretString()).get("password");
                    if (pw != null && !passwords.contains(pw.toString())) {
                        passwords.add(pw.toString());
                    }
                } catch (RuntimeException | IOException noValue) {
                    // a version without a value yet
                }
            }
        }
    }

    String rotationLog() {
        return rotationLog.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws SQLException {
        releaseSessions();
        scope.close();
    }
}
