package org.bluegreen.cli;

import org.bluegreen.cli.aws.AwsUnreachable;
import org.bluegreen.cli.aws.CliAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The errors a new user meets first: each names what is wrong and points the right way. */
class CliErrorsTest {

    @TempDir
    Path dir;

    /** The production connector with only the given environment (no real AWS configuration of this machine). */
    private static PairCli.Run run(Map<String, String> env, String... args) {
        return PairCli.execute(target -> CliAws.connect(target, env), env, Clock.systemUTC(), List.of(), args);
    }

    private Map<String, String> envWithoutRegion() throws IOException {
        Path config = Files.writeString(dir.resolve("config"), "[profile ops]\nregion = us-east-1\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops\n");
        return new HashMap<>(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_ACCESS_KEY_ID", "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY", "test", "POINTER_PARAMETER", "/app/db/active-slot"));
    }

    @Test
    void noRegionSaysSoInOneLine() throws IOException {
        PairCli.Run run = run(envWithoutRegion(), "status", "--blue", "a", "--green", "b");
        assertEquals(1, run.exit());
        assertEquals("error: " + CliAws.NO_REGION + "\n", run.err());
    }

    @Test
    void regionAndProfileOptionsAreUsed() throws IOException, SQLException {
        try (PairFleet fleet = new PairFleet(1, null)) {
            Map<String, String> env = envWithoutRegion();
            env.put("AWS_ENDPOINT_URL", fleet.endpoint.url().toString());
            for (List<String> where : List.of(List.of("--region", "us-east-1"), List.of("--profile", "ops"))) {
                PairCli.Run run = run(env, "list", where.get(0), where.get(1));
                assertTrue(run.out().contains("1 pair(s)"), where + ": " + run.out() + run.err());
            }
            // the options also work before the command
            assertTrue(run(env, "--region", "us-east-1", "list").out().contains("1 pair(s)"));
        }
    }

    @Test
    void unreachableAwsIsOneFailureWithTheRightAdviceAndTheRestNotChecked() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, String> env = envWithoutRegion();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort);
        PairCli.Run run = run(env, "doctor", "--blue", "app-blue", "--green", "app-green");
        assertEquals(1, run.exit(), run.err());
        List<String> fails = run.out().lines().filter(l -> l.startsWith("FAIL")).toList();
        assertEquals(1, fails.size(), run.out());
        assertTrue(fails.get(0).contains("cannot reach AWS for secretsmanager:DescribeSecret"), run.out());
        assertTrue(run.out().contains("fix: " + AwsUnreachable.ADVICE), run.out());
        assertFalse(run.out().contains("--blue and your permissions"), run.out());
        long notChecked = run.out().lines().filter(l -> l.startsWith("WARN") && l.contains("not checked: AWS was not reached")).count();
        assertTrue(notChecked >= 8, run.out());
    }

    @Test
    void theSameSecretAsBlueAndGreenIsSaidSo() throws SQLException {
        try (PairCli cli = PairCli.selfService()) {
            PairCli.Run status = cli.run("status", "--blue", BLUE_SECRET, "--green", cli.pair.blueArn);
            assertEquals(1, status.exit());
            assertTrue(status.err().contains("--blue and --green name the same secret, " + cli.pair.blueArn), status.err());
            assertFalse(status.err().contains("bluegreen:slot"), status.err());

            PairCli.Run doctor = cli.run("doctor", "--blue", GREEN_SECRET, "--green", GREEN_SECRET);
            assertEquals(1, doctor.exit());
            assertTrue(doctor.out().contains("FAIL  config     --blue and --green name the same secret"), doctor.out());
        }
    }

    @Test
    void onlyCloseMatchesAreSuggested() {
        PairCli.Run far = run(Map.of(), "frobnicate");
        assertEquals(2, far.exit());
        assertTrue(far.err().startsWith("error: unknown command 'frobnicate' (commands: status, doctor, recover, list, bootstrap, help)"), far.err());
        assertFalse(far.err().contains("did you mean"), far.err());

        PairCli.Run typo = run(Map.of(), "stauts");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("error: unknown command 'stauts'; did you mean 'status'?"), typo.err());

        PairCli.Run option = run(Map.of(), "doctor", "--blu", "x", "--green", "y");
        assertEquals(2, option.exit());
        assertTrue(option.err().contains("unknown option '--blu' for doctor; did you mean '--blue'?"), option.err());
    }
}
