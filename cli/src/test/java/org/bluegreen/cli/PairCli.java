package org.bluegreen.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.cli.aws.Clients;
import org.bluegreen.cli.aws.CliAws;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.aws.FakeAwsService;
import org.bluegreen.testkit.aws.FakeLambda;
import org.bluegreen.testkit.aws.FakeRds;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;

/**
 * The operator CLI, run in-process against a {@link BlueGreenPair} shaped as the template makes it: the pair's fakes,
 * its rotation function (a {@link FakeLambda} whose environment is the pair's) and its clock, reached over HTTP
 * ({@link LocalAwsEndpoint}) by the CLI's production SDK clients; the operator's own environment holds only the CA
 * bundle that verifies the database. Every run fails the test if
 * its output shows any password the pair has known.
 */
final class PairCli implements AutoCloseable {

    /** The name of {@link BlueGreenPair#FUNCTION}. */
    static final String FUNCTION_NAME = BlueGreenPair.FUNCTION.substring(BlueGreenPair.FUNCTION.lastIndexOf(':') + 1);

    /** The operations that change something in AWS; the CLI calls them only to apply a recovery. */
    static final List<String> WRITES = List.of("PutSecretValue", "UpdateSecretVersionStage", "PutParameter", "UpdateService",
            "RotateSecret", "TagResource", "UntagResource", "CreateSecret");

    final BlueGreenPair pair;
    /** No RDS proxy unless a test adds one. */
    final FakeRds rds;
    /** The rotation function both secrets name, its environment the pair's ({@code pair.env}), as the template makes it. */
    final FakeLambda lambda;
    /** The operator's own environment: only the CA bundle that verifies the database; the rest comes from the stack. */
    final Map<String, String> operatorEnv = new HashMap<>();
    /** The fakes over HTTP, reached by the CLI's production SDK clients. */
    final LocalAwsEndpoint endpoint;

    PairCli(BlueGreenPair pair) {
        this.pair = pair;
        this.rds = new FakeRds(pair.clock);
        this.lambda = new FakeLambda(pair.clock);
        this.endpoint = new LocalAwsEndpoint(pair.secrets, pair.ssm, pair.ecs, lambda);
        pair.db.caBundle().ifPresent(ca -> {
            pair.env.put("DB_CA_BUNDLE", ca.toString());
            operatorEnv.put("DB_CA_BUNDLE", ca.toString());
        });
    }

    /** A self-service pair in the shared PostgreSQL. */
    static PairCli selfService() throws SQLException {
        return new PairCli(BlueGreenPair.selfService(new PostgresTestDatabase()));
    }

    /** A pair whose secrets name the admin secret ({@code masterarn}), in the shared PostgreSQL. */
    static PairCli adminMode() throws SQLException {
        return new PairCli(BlueGreenPair.adminMode(new PostgresTestDatabase()));
    }

    /** @param calls the AWS operations this run called, Secrets Manager's then SSM's then ECS's */
    record Run(int exit, String out, String err, List<String> calls) {
        Map<String, Object> json() {
            try {
                return JSON.std.mapFrom(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        /** The calls of this run that change something. */
        List<String> writes() {
            return calls.stream().filter(WRITES::contains).toList();
        }
    }

    /** Runs the CLI with the operator's environment; the function's environment is the pair's as it is now. */
    Run run(String... args) {
        lambda.putFunction(FUNCTION_NAME, pair.env);
        Map<String, String> environment = new HashMap<>(endpoint.environment());
        environment.putAll(operatorEnv);
        Map<String, String> env = Map.copyOf(environment);
        // RDS's query protocol is not served by the endpoint: the doctor's proxy check reads the in-memory fake
        Run run = execute(target -> {
                    Clients production = CliAws.connect(target, env);
                    return new Clients(production.aws(), rds, production.lambda());
                }, env, pair.clock, List.of(pair.secrets, pair.ssm, pair.ecs, rds, lambda), args);
        pair.leaks.assertNoneIn(run.out() + run.err(), "the output of " + String.join(" ", args));
        return run;
    }

    /** Runs the CLI in-process on {@code aws}, recording the calls each of {@code fakes} saw meanwhile. */
    static Run execute(Clients.Connector aws, Map<String, String> env, Clock clock, List<FakeAwsService> fakes,
                       String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(aws, env, clock, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<Integer> before = fakes.stream().map(f -> f.calls().size()).toList();
        int exit = BluegreenCli.run(context, args);
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < fakes.size(); i++) {
            List<String> all = fakes.get(i).calls();
            calls.addAll(all.subList(before.get(i), all.size()));
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), calls);
    }

    /** {@code command --blue app-blue --green app-green extra...} */
    Run pairCommand(String command, String... extra) {
        return run(Stream.concat(Stream.of(command, "--blue", BLUE_SECRET, "--green", GREEN_SECRET), Stream.of(extra))
                .toArray(String[]::new));
    }

    @Override
    public void close() throws SQLException {
        endpoint.close();
        pair.close();
    }
}
