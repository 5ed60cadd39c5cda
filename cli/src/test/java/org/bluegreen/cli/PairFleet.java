package org.bluegreen.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.cli.aws.CliAws;
import org.bluegreen.cli.aws.Clients;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeLambda;
import org.bluegreen.testkit.aws.FakeRds;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;
import org.bluegreen.testkit.aws.MutableClock;
import org.bluegreen.testkit.db.DbNames;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many apps in one account, as {@code bluegreen list} finds them, each as the template makes it: app {@code i} has
 * secrets {@code app<i>-blue} and {@code app<i>-green} tagged with their slot, user, peer and app, and rotated by
 * function {@code app<i>-rotator}, whose environment names pointer {@code /app<i>/db/active-slot}, the cluster and
 * services {@code app<i>-web,app<i>-worker}; the pointer names green and the services were redeployed since. Given a database,
 * each pair has its own two users in it (without one, for {@code list}, the secrets name port 1). The CLI reaches
 * the fakes over HTTP ({@link LocalAwsEndpoint}) with the production clients.
 */
final class PairFleet implements AutoCloseable {

    static final String CLUSTER = "prod";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final FakeSecretsManager secrets = new FakeSecretsManager(clock);
    final FakeSsm ssm = new FakeSsm(clock);
    final FakeEcs ecs = new FakeEcs(clock);
    final FakeRds rds = new FakeRds(clock);
    final FakeLambda lambda = new FakeLambda(clock);
    final LocalAwsEndpoint endpoint = new LocalAwsEndpoint(secrets, ssm, ecs, lambda);
    final List<String> knownPasswords = new ArrayList<>();
    final Map<String, String> env = new HashMap<>(endpoint.environment());
    private final TestDatabase db;

    PairFleet(int pairs, TestDatabase db) throws SQLException {
        this.db = db;
        if (db != null) {
            db.caBundle().ifPresent(ca -> env.put("DB_CA_BUNDLE", ca.toString()));
        }
        List<String[]> users = new ArrayList<>();
        for (int i = 1; i <= pairs; i++) {
            users.add(new String[]{DbNames.unique("blue"), BlueGreenPair.newPassword(), DbNames.unique("green"), BlueGreenPair.newPassword()});
        }
        for (int i = 1; i <= pairs; i++) {
            secret(i, "blue", users.get(i - 1)[0], users.get(i - 1)[1]);
        }
        clock.advance(Duration.ofDays(15));
        for (int i = 1; i <= pairs; i++) {
            secret(i, "green", users.get(i - 1)[2], users.get(i - 1)[3]);
            String app = "app" + i;
            ssm.putParameter(b -> b.name(pointer(app)).value("green").type(ParameterType.STRING));
        }
        clock.advance(Duration.ofMinutes(5));
        for (int i = 1; i <= pairs; i++) {
            ecs.createService(CLUSTER, "app" + i + "-web", 2);
            ecs.createService(CLUSTER, "app" + i + "-worker", 1);
        }
        clock.advance(Duration.ofDays(1));
        secrets.clearCalls();
        ssm.clearCalls();
        ecs.clearCalls();
    }

    static String pointer(String app) {
        return "/" + app + "/db/active-slot";
    }

    private void secret(int i, String slot, String user, String password) throws SQLException {
        String app = "app" + i;
        knownPasswords.add(password);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("engine", "postgres");
        value.put("host", "127.0.0.1");
        value.put("port", 1);
        if (db != null) {
            db.createAppUser(user, password);
            value.put("engine", db.engine());
            value.put("host", db.host());
            value.put("port", db.port());
            value.put("dbname", db.dbname());
            value.put("ssl", db.tls());
        }
        value.put("username", user);
        value.put("password", password);
        String arn;
        try {
            arn = secrets.createSecret(app + "-" + slot, JSON.std.asString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // the template's tags, and its function, whose environment holds the app's configuration
        secrets.tagResource(b -> b.secretId(arn).tags(
                Tag.builder().key("bluegreen:slot").value(slot).build(),
                Tag.builder().key("bluegreen:username").value(user).build(),
                Tag.builder().key("bluegreen:peer-secret").value(app + "-" + (slot.equals("blue") ? "green" : "blue")).build(),
                Tag.builder().key("bluegreen:app").value(app).build()));
        Map<String, String> functionEnv = new HashMap<>(Map.of("POINTER_PARAMETER", pointer(app), "ECS_CLUSTER", CLUSTER,
                "ECS_SERVICES", app + "-web," + app + "-worker"));
        if (db != null) {
            functionEnv.put("DB_ENDPOINTS", db.host() + ":" + db.port() + "/" + db.dbname());
        }
        secrets.enableRotation(arn, lambda.putFunction(app + "-rotator", functionEnv), "rate(30 days)");
    }

    /** Every AWS call so far, over all three services. */
    int awsCalls() {
        return secrets.calls().size() + ssm.calls().size() + ecs.calls().size() + rds.calls().size() + lambda.calls().size();
    }

    void clearCalls() {
        secrets.clearCalls();
        ssm.clearCalls();
        ecs.clearCalls();
        rds.clearCalls();
        lambda.clearCalls();
    }

    /** Runs the CLI in-process with the production AWS clients, pointed at the endpoint by the environment. */
    PairCli.Run run(String... args) {
        Map<String, String> environment = Map.copyOf(env);
        // RDS's query protocol is not served by the endpoint: the doctor's proxy check reads the in-memory fake
        PairCli.Run run = PairCli.execute(target -> {
                    Clients production = CliAws.connect(target, environment);
                    return new Clients(production.aws(), rds, production.lambda());
                }, environment, clock, List.of(secrets, ssm, ecs, rds, lambda), args);
        for (String password : knownPasswords) {
            if ((run.out() + run.err()).contains(password)) {
                throw new AssertionError("the output of " + String.join(" ", args) + " shows a password");
            }
        }
        return run;
    }

    @Override
    public void close() throws SQLException {
        endpoint.close();
        if (db != null) {
            db.close();
        }
    }
}
