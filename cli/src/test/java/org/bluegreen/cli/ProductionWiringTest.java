package org.bluegreen.cli;

import org.bluegreen.testkit.aws.LocalAwsEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI as an operator runs it: a separate JVM through {@code Main}, its AWS clients built by the production code
 * from the SDK's defaults, pointed at the fakes over HTTP by {@code AWS_ENDPOINT_URL}.
 */
class ProductionWiringTest {

    private TestPair pair;
    private LocalAwsEndpoint aws;

    @BeforeEach
    void setUp() throws SQLException {
        pair = new TestPair();
        aws = new LocalAwsEndpoint(pair.secrets, pair.ssm, pair.ecs);
    }

    @AfterEach
    void tearDown() throws SQLException {
        aws.close();
        pair.close();
    }

    @Test
    void statusAndDoctorThroughAwsEndpointUrl() throws Exception {
        Result status = main("status", "--blue", TestPair.BLUE, "--green", TestPair.GREEN);
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("Pointer   " + TestPair.POINTER + " = blue"), status.output());

        Result doctor = main("doctor", "--blue", TestPair.BLUE, "--green", TestPair.GREEN, "--json");
        assertEquals(0, doctor.exit(), doctor.output());
        assertTrue(doctor.output().contains("\"ok\" : true"), doctor.output());
    }

    @Test
    void aMissingSecretIsNamedOverTheWire() throws Exception {
        Result status = main("status", "--blue", TestPair.BLUE, "--green", "app-nope");
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
        env.putAll(pair.env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI did not finish");
        return new Result(p.exitValue(), output);
    }
}
