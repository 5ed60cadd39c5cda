package org.bluegreen.rotator.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.RotationHandler;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a rotation costs the Lambda: for each run, a fresh JVM with only the Lambda jar on its class path (a cold
 * container) builds the handler the way Lambda does and runs the four steps of one rotation against the local AWS
 * endpoint and a real, password-checking PostgreSQL. Prints the time to build the handler (init), each step, and
 * the child's peak resident memory.
 *
 * <p>Run with {@code bench/cold-start [runs]}.
 */
public final class ColdStartBenchmark {

    private static final List<String> STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");

    public static void main(String[] args) throws Exception {
        Path lambdaJar = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("bluegreen-bench");
        List<long[]> results = new ArrayList<>();
        try (BlueGreenPair p = BlueGreenPair.selfService(new PostgresTestDatabase());
             LocalAwsEndpoint aws = new LocalAwsEndpoint(p.secrets, p.ssm, p.ecs)) {
            System.out.printf("%-4s %8s %13s %10s %11s %13s %9s %10s%n",
                    "run", "init ms", "createSecret", "setSecret", "testSecret", "finishSecret", "total ms", "peak RSS");
            for (int run = 1; run <= runs; run++) {
                String secret = run % 2 == 1 ? p.blueArn : p.greenArn;
                long[] r = runChild(dir, lambdaJar, aws, p, secret);
                results.add(r);
                System.out.printf("%-4d %8d %13d %10d %11d %13d %9d %7d MB%n", run, r[0], r[1], r[2], r[3], r[4],
                        r[0] + r[1] + r[2] + r[3] + r[4], r[5] / 1024);
                p.rolloutsComplete();
                p.clock.advance(Duration.ofDays(14));
            }
        }
        long[] median = new long[6];
        for (int i = 0; i < 6; i++) {
            final int col = i;
            long[] column = results.stream().mapToLong(r -> r[col]).sorted().toArray();
            median[i] = column[column.length / 2];
        }
        System.out.printf("%-4s %8d %13d %10d %11d %13d %9d %7d MB%n", "p50", median[0], median[1], median[2], median[3],
                median[4], median[0] + median[1] + median[2] + median[3] + median[4], median[5] / 1024);
        System.out.println("JVM: " + System.getProperty("java.version") + ", flags as Lambda's java17 runtime: "
                + "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m; " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    private static long[] runChild(Path dir, Path lambdaJar, LocalAwsEndpoint aws, BlueGreenPair p, String secret) throws Exception {
        String token = p.startRotation(secret);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // The Lambda jar, and this class for its Child entry point: nothing else from the test class path.
                "-cp", lambdaJar + java.io.File.pathSeparator + Path.of(ColdStartBenchmark.class.getProtectionDomain()
                        .getCodeSource().getLocation().toURI()),
                Child.class.getName()));
        for (String step : STEPS) {
            Path event = dir.resolve(UUID.randomUUID() + ".json");
            Files.write(event, JSON.std.asBytes(Map.of("Step", step, "SecretId", secret, "ClientRequestToken", token)));
            command.add(event.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(aws.environment());
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("none").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        pb.environment().putAll(p.env);
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes());
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the handler's JVM failed");
        }
        String last = out.lines().filter(l -> l.startsWith("BENCH ")).findFirst().orElseThrow();
        return Arrays.stream(last.substring(6).split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** The cold container: build the handler, run the steps, report times and peak memory on one line. */
    public static final class Child {
        public static void main(String[] eventFiles) throws Exception {
            long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
            RotationHandler handler = new RotationHandler();
            long[] times = new long[eventFiles.length + 2];
            times[0] = System.currentTimeMillis() - jvmStart;
            for (int i = 0; i < eventFiles.length; i++) {
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(Path.of(eventFiles[i]))) {
                    handler.handleRequest(in, new ByteArrayOutputStream(), null);
                }
                times[i + 1] = (System.nanoTime() - start) / 1_000_000;
            }
            times[eventFiles.length + 1] = peakRssKb();
            StringBuilder line = new StringBuilder("BENCH");
            for (long t : times) {
                line.append(' ').append(t);
            }
            System.out.println(line);
        }

        private static long peakRssKb() throws Exception {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        }
    }
}
