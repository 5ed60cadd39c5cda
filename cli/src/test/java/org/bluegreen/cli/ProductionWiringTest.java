package org.bluegreen.cli;

import org.bluegreen.testkit.aws.LocalAwsEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI as an operator runs it: a separate JVM through {@code Main}, its AWS clients built by the production code
 * from the SDK's defaults, pointed at the fakes over HTTP by {@code AWS_ENDPOINT_URL}.
 */
class ProductionWiringTest extends AbstractPairCliTest {

    private LocalAwsEndpoint aws;

    @BeforeEach
    void serveTheFakesOverHttp() {
        cli.lambda.putFunction(PairCli.FUNCTION_NAME, pair.env);
        aws = new LocalAwsEndpoint(pair.secrets, pair.ssm, pair.ecs, cli.lambda);
    }

    @AfterEach
    void stopServing() {
        aws.close();
    }

    @Test
    void statusAndDoctorThroughAwsEndpointUrl() throws Exception {
        Result status = main("status", "--blue", BLUE_SECRET, "--green", GREEN_SECRET);
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("Pointer   " + POINTER + " = green"), status.output());

        Result doctor = main("doctor", "--blue", BLUE_SECRET, "--green", GREEN_SECRET, "--json");
        assertEquals(0, doctor.exit(), doctor.output());
        assertTrue(doctor.output().contains("\"ok\" : true"), doctor.output());
    }

    @Test
    void aMissingSecretIsNamedOverTheWire() throws Exception {
        Result status = main("status", "--blue", BLUE_SECRET, "--green", "app-nope");
        assertEquals(1, status.exit());
        assertTrue(status.output().contains("error: secret 'app-nope' does not exist"), status.output());
    }

    private record Result(int exit, String output) {
    }

    private Result main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(aws.environment());
        env.putAll(cli.operatorEnv); // the rest comes from the stack
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI did not finish");
        return new Result(p.exitValue(), output);
    }
}
