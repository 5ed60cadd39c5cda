package org.bluegreen.rotator.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.LambdaJava;
import org.bluegreen.rotator.RotationHandler;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;
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
 * exec to exit: wall time, CPU time (user + system) and peak resident memory. The child JVMs run on the template's
 * runtime's Java where this machine has it ({@link LambdaJava}).
 *
 * <p>Several jars (e.g. this build's and one built from another commit) are measured interleaved, run by run, so
 * that load from other work on the machine falls on all of them alike; compare medians, not single runs.
 *
 * <p>Run with {@code bench/cold-start [runs] [other-lambda.jar ...]}.
 */
public final class ColdStartBenchmark {

    private static final List<String> STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    /** Lambda's Java runtimes start their JVM with these (besides a heap size that follows the function's memory). */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx512m");

    /** One child JVM's figures. */
    record Sample(double wallSeconds, double cpuSeconds, long peakRssKb, long initMs, long stepMs, Map<String, long[]> phases) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Path> jars = new ArrayList<>(List.of(Path.of(args[0])));
        for (int i = 2; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        Path dir = Files.createTempDirectory("bluegreen-bench");
        // jar -> step -> samples
        Map<Path, Map<String, List<Sample>>> results = new LinkedHashMap<>();
        List<Map<String, long[]>> phases = new ArrayList<>();
        try (BlueGreenPair p = BlueGreenPair.selfService(new PostgresTestDatabase());
             LocalAwsEndpoint aws = new LocalAwsEndpoint(p.secrets, p.ssm, p.ecs)) {
            int rotation = 0;
            for (int run = 1; run <= runs; run++) {
                for (Path jar : jars) {
                    String secret = rotation++ % 2 == 0 ? p.blueArn : p.greenArn;
                    String token = p.startRotation(secret);
                    for (String step : STEPS) {
                        results.computeIfAbsent(jar, j -> new LinkedHashMap<>())
                                .computeIfAbsent(step, k -> new ArrayList<>())
                                .add(runChild(dir, jar, aws, p, secret, token, step, "cold"));
                        if (step.equals("testSecret") && jar.equals(jars.get(0))) {
                            phases.add(runChild(dir, jar, aws, p, secret, token, step, "phases").phases());
                        }
                    }
                    p.rolloutsComplete();
                    p.clock.advance(Duration.ofDays(14));
                }
                System.err.printf("run %d of %d done%n", run, runs);
            }
        }
        for (Map.Entry<Path, Map<String, List<Sample>>> e : results.entrySet()) {
            print(e.getKey(), e.getValue(), runs);
        }
        printPhases("a cold testSecret", jars.get(0), phases);
        System.out.println(LambdaJava.description() + " with " + String.join(" ", LAMBDA_JVM_FLAGS) + "; "
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
    }

    /** Medians of where a cold testSecret's time goes, each part in the order the step runs it. */
    private static void printPhases(String what, Path jar, List<Map<String, long[]>> runs) {
        System.out.printf("%nwhere %s's time goes (%s; its parts run one after another in one JVM,%n"
                + "each ms median; CPU from /proc/self/stat, all threads, 10 ms ticks)%n", what, jar.getFileName());
        System.out.printf("%-58s %8s %8s %8s%n", "part", "wall ms", "CPU ms", "classes loaded");
        for (String part : runs.get(0).keySet()) {
            long[] wall = runs.stream().mapToLong(r -> r.get(part)[0]).sorted().toArray();
            long[] cpu = runs.stream().mapToLong(r -> r.get(part)[1]).sorted().toArray();
            long[] classes = runs.stream().mapToLong(r -> r.get(part)[2]).sorted().toArray();
            System.out.printf("%-58s %8d %8d %8d%n", part, wall[wall.length / 2], cpu[cpu.length / 2], classes[classes.length / 2]);
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

    /** Runs one step in a fresh JVM. */
    private static Sample runChild(Path dir, Path lambdaJar, LocalAwsEndpoint aws, BlueGreenPair p, String secret,
                                   String token, String step, String mode) throws Exception {
        Path event = dir.resolve(UUID.randomUUID() + ".json");
        Files.write(event, JSON.std.asBytes(Map.of("Step", step, "SecretId", secret, "ClientRequestToken", token)));
        Path times = dir.resolve(UUID.randomUUID() + ".time");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S %M",
                LambdaJava.executable().toString()));
        command.addAll(LAMBDA_JVM_FLAGS);
        // e.g. BENCH_JAVA_OPTS='-Xlog:class+load:file=/tmp/classes-%p.log' to see what a step loads
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        // The Lambda jar, and this class for its Child entry point: nothing else from the test class path.
        command.addAll(List.of("-cp", lambdaJar + File.pathSeparator
                        + Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                Child.class.getName(), mode, event.toString()));
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
        Map<String, long[]> phases = new LinkedHashMap<>();
        out.lines().filter(l -> l.startsWith("PHASE ")).forEach(l -> {
            String[] f = l.substring(6).split("\t");
            phases.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
        });
        return new Sample(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]), Long.parseLong(t[3]),
                Long.parseLong(b[0]), Long.parseLong(b[1]), phases);
    }

    /**
     * The cold container: build the handler, then run one step. With "phases", instead run testSecret's parts one
     * after another with the rotator's own classes, timing each.
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
            if (args[0].equals("phases")) {
                Phases.run(jvmStart, Path.of(args[1]));
                return;
            }
            RotationHandler handler = new RotationHandler();
            long init = System.currentTimeMillis() - jvmStart;
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                handler.handleRequest(in, new ByteArrayOutputStream(), null);
            }
            System.out.println("BENCH " + init + " " + (System.nanoTime() - start) / 1_000_000);
        }

        /** testSecret as its parts: SDK client, the two Secrets Manager calls, the database login over TLS, the query. */
        private static final class Phases {
            private static long lastWall;
            private static long lastCpu;
            private static long lastClasses;

            static void run(long jvmStart, Path eventFile) throws Exception {
                lastWall = jvmStart;
                java.lang.management.ManagementFactory.getClassLoadingMXBean();
                mark("JVM start to main (JVM boot; this probe's setup)");
                Map<String, Object> event = JSON.std.mapFrom(Files.readAllBytes(eventFile));
                mark("read the event (jackson-jr)");
                new RotationHandler();
                mark("new RotationHandler() (configuration, log)");
                var sm = org.bluegreen.rotator.aws.AwsClients.fromDefaults().secretsManager();
                mark("build the Secrets Manager client");
                String id = String.valueOf(event.get("SecretId"));
                sm.describeSecret(b -> b.secretId(id));
                mark("DescribeSecret (first call: credentials, signing, HTTP)");
                String json = sm.getSecretValue(b -> b.secretId(id).versionId(String.valueOf(event.get("ClientRequestToken")))
                        .versionStage("AWSPENDING")).secretString();
                mark("GetSecretValue of the pending version");
                var secret = org.bluegreen.rotator.secret.DbSecret.parse(json, "AWSPENDING");
                var engine = org.bluegreen.rotator.engine.Engines.forName(secret.engine());
                mark("parse the secret, choose the engine");
                try (java.sql.Connection c = engine.connect(secret, org.bluegreen.rotator.engine.ConnectOptions.defaults())) {
                    mark("log in (JDBC driver, TLS handshake, SCRAM)");
                    engine.verifyLogin(c, secret.username());
                    mark("the query that checks the login");
                }
                mark("close the connection");
                System.out.println("BENCH 0 0");
            }

            private static void mark(String part) throws Exception {
                long wall = System.currentTimeMillis();
                String[] stat = Files.readString(Path.of("/proc/self/stat")).split("\\) ")[1].split(" ");
                long cpu = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10;  // utime + stime, 100 ticks/s
                long classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
                System.out.println("PHASE " + part + "\t" + (wall - lastWall) + "\t" + (cpu - lastCpu) + "\t" + (classes - lastClasses));
                lastWall = wall;
                lastCpu = cpu;
                lastClasses = classes;
            }
        }
    }
}
