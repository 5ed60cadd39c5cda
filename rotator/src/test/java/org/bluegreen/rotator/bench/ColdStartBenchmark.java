package org.bluegreen.rotator.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.RotationHandler;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.PostgresTestDatabase;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a rotation step costs when its Lambda container is cold, as Secrets Manager almost always finds it: every
 * step of every rotation runs in a fresh JVM with only a Lambda jar on its class path and Lambda's JVM flags,
 * builds the handler the way Lambda does and runs that one step against the local AWS endpoint and a real,
 * password-checking PostgreSQL (with TLS when the test server has it). {@code /usr/bin/time} measures each JVM from
 * exec to exit: wall time, CPU time (user + system) and peak resident memory.
 *
 * <p>A second rotation per run measures each step right after the SnapStart priming hook ran in the same JVM (what a
 * restore from the snapshot resumes into; the restore itself is Lambda's and is not measured here).
 *
 * <p>Several jars (e.g. this build's and one built from another commit) are measured interleaved, run by run, so
 * that load from other work on the machine falls on all of them alike; compare medians, not single runs.
 *
 * <p>Run with {@code bench/cold-start [runs] [other-lambda.jar ...]}.
 */
public final class ColdStartBenchmark {

    private static final List<String> STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    /** Lambda's java17 runtime starts its JVM with these (besides a heap size that follows the function's memory). */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx512m");

    /** One child JVM's figures. */
    record Sample(double wallSeconds, double cpuSeconds, long peakRssKb, long initMs, long stepMs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Path> jars = new ArrayList<>(List.of(Path.of(args[0])));
        for (int i = 2; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        Path dir = Files.createTempDirectory("bluegreen-bench");
        // jar -> step -> samples; "primed " + step for the runs after priming
        Map<Path, Map<String, List<Sample>>> results = new LinkedHashMap<>();
        try (BlueGreenPair p = BlueGreenPair.selfService(new PostgresTestDatabase());
             LocalAwsEndpoint aws = new LocalAwsEndpoint(p.secrets, p.ssm, p.ecs)) {
            int rotation = 0;
            for (int run = 1; run <= runs; run++) {
                for (Path jar : jars) {
                    for (boolean primed : hasPrimingHook(jar) ? new boolean[] {false, true} : new boolean[] {false}) {
                        String secret = rotation++ % 2 == 0 ? p.blueArn : p.greenArn;
                        String token = p.startRotation(secret);
                        for (String step : STEPS) {
                            results.computeIfAbsent(jar, j -> new LinkedHashMap<>())
                                    .computeIfAbsent((primed ? "primed " : "") + step, k -> new ArrayList<>())
                                    .add(runChild(dir, jar, aws, p, secret, token, step, primed));
                        }
                        p.rolloutsComplete();
                        p.clock.advance(Duration.ofDays(14));
                    }
                }
                System.err.printf("run %d of %d done%n", run, runs);
            }
        }
        for (Map.Entry<Path, Map<String, List<Sample>>> e : results.entrySet()) {
            print(e.getKey(), e.getValue(), runs);
        }
        System.out.println("JVM " + System.getProperty("java.version") + " with " + String.join(" ", LAMBDA_JVM_FLAGS) + "; "
                + Runtime.getRuntime().availableProcessors() + " cores shared with whatever else runs on this machine; "
                + runs + " interleaved runs per jar");
    }

    private static void print(Path jar, Map<String, List<Sample>> byStep, int runs) {
        System.out.printf("%n%s (%.1f MB)%n", jar, jar.toFile().length() / 1e6);
        System.out.printf("%-20s %-20s %-20s %-17s %8s %8s%n", "cold step (fresh JVM)", "wall s min/med/max",
                "CPU s min/med/max", "peak RSS MB", "init ms", "step ms");
        for (String step : STEPS) {
            List<Sample> s = byStep.get(step);
            System.out.printf("%-20s %-20s %-20s %-17s %8d %8d%n", step,
                    triple(s, x -> x.wallSeconds()), triple(s, x -> x.cpuSeconds()),
                    String.format("%d/%d/%d", (long) min(s, x -> x.peakRssKb() / 1024.0), (long) median(s, x -> x.peakRssKb() / 1024.0),
                            (long) max(s, x -> x.peakRssKb() / 1024.0)),
                    (long) median(s, x -> x.initMs()), (long) median(s, x -> x.stepMs()));
        }
        if (byStep.containsKey("primed " + STEPS.get(0))) {
            System.out.printf("%-20s %s%n", "after priming", "step ms min/med/max (the step alone, in the JVM the priming hook ran in)");
            for (String step : STEPS) {
                List<Sample> s = byStep.get("primed " + step);
                System.out.printf("%-20s %d/%d/%d%n", step, (long) min(s, x -> x.stepMs()), (long) median(s, x -> x.stepMs()),
                        (long) max(s, x -> x.stepMs()));
            }
        } else {
            System.out.println("after priming: n/a (this jar has no priming hook)");
        }
    }

    private interface Figure {
        double of(Sample s);
    }

    private static String triple(List<Sample> s, Figure f) {
        return String.format("%.2f/%.2f/%.2f", min(s, f), median(s, f), max(s, f));
    }

    private static double min(List<Sample> s, Figure f) {
        return s.stream().mapToDouble(f::of).min().orElse(Double.NaN);
    }

    private static double max(List<Sample> s, Figure f) {
        return s.stream().mapToDouble(f::of).max().orElse(Double.NaN);
    }

    private static double median(List<Sample> s, Figure f) {
        double[] sorted = s.stream().mapToDouble(f::of).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A jar built before the SnapStart hook existed has no org.crac. */
    private static boolean hasPrimingHook(Path jar) throws java.io.IOException {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            return j.getEntry("org/crac/Resource.class") != null;
        }
    }

    /** Runs one step in a fresh JVM. */
    private static Sample runChild(Path dir, Path lambdaJar, LocalAwsEndpoint aws, BlueGreenPair p, String secret,
                                   String token, String step, boolean primed) throws Exception {
        Path event = dir.resolve(UUID.randomUUID() + ".json");
        Files.write(event, JSON.std.asBytes(Map.of("Step", step, "SecretId", secret, "ClientRequestToken", token)));
        Path times = dir.resolve(UUID.randomUUID() + ".time");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S %M",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(LAMBDA_JVM_FLAGS);
        // e.g. BENCH_JAVA_OPTS='-Xlog:class+load:file=/tmp/classes-%p.log' to see what a step loads
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        // The Lambda jar, and this class for its Child entry point: nothing else from the test class path.
        command.addAll(List.of("-cp", lambdaJar + File.pathSeparator
                        + Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                Child.class.getName(), primed ? "primed" : "cold", event.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(aws.environment());
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("none").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        pb.environment().putAll(p.env);
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes());
        int exit = child.waitFor();
        String bench = out.lines().filter(l -> l.startsWith("BENCH ")).findFirst().orElse(null);
        if (exit != 0 || bench == null) {
            throw new IllegalStateException(step + " failed in the handler's JVM (exit " + exit + ")");
        }
        String[] t = Files.readString(times).trim().split("\\s+");
        String[] b = bench.substring(6).split(" ");
        return new Sample(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]), Long.parseLong(t[3]),
                Long.parseLong(b[0]), Long.parseLong(b[1]));
    }

    /** The cold container: build the handler (and with "primed", run the priming hook), then run one step. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
            RotationHandler handler = new RotationHandler();
            if (args[0].equals("primed")) {
                // What Lambda does before it takes the snapshot.
                Hook.beforeCheckpoint(handler);
            }
            long init = System.currentTimeMillis() - jvmStart;
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                handler.handleRequest(in, new ByteArrayOutputStream(), null);
            }
            System.out.println("BENCH " + init + " " + (System.nanoTime() - start) / 1_000_000);
        }

        /** Apart, so that a jar without org.crac can still run the cold steps. */
        private static final class Hook {
            static void beforeCheckpoint(RotationHandler handler) throws Exception {
                ((org.crac.Resource) handler).beforeCheckpoint(null);
            }
        }
    }
}
