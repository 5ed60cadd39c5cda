package org.bluegreen.cli;

import org.bluegreen.testkit.db.PostgresTestDatabase;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code list} and {@code doctor --all} cost per pair: N pairs in the fakes, served over HTTP by the local AWS
 * endpoint, reached by the CLI's production clients in this JVM. Prints the wall time and the AWS calls (per
 * operation) of each command. With {@code --database} every pair has its own two users in one shared private
 * PostgreSQL and the doctor logs in as each; without, the database checks fail fast against a closed port (their
 * cost is then only the AWS reads they need).
 *
 * <p>Run with {@code bench/doctor-all [--database] [sizes...]} (default sizes 10 100 500).
 */
public final class DoctorAllBenchmark {

    public static void main(String[] args) throws Exception {
        boolean database = Arrays.asList(args).contains("--database");
        int[] sizes = Arrays.stream(args).filter(a -> !a.startsWith("--")).mapToInt(Integer::parseInt).toArray();
        if (sizes.length == 0) {
            sizes = new int[]{10, 100, 500};
        }
        System.out.printf("%-6s %-14s %9s %9s %10s %11s  %s%n", "pairs", "command", "wall ms", "ms/pair", "AWS calls",
                "calls/pair", "calls by operation");
        for (int n : sizes) {
            try (PairFleet fleet = new PairFleet(n, database ? new PostgresTestDatabase() : null)) {
                fleet.run("list"); // warm-up: class loading and the HTTP connections
                fleet.clearCalls();
                for (List<String> command : List.of(List.of("list"), List.of("doctor", "--all"))) {
                    long t0 = System.nanoTime();
                    PairCli.Run run = fleet.run(command.toArray(String[]::new));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (run.exit() != 0 && database) {
                        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + run.out() + run.err());
                    }
                    Map<String, Integer> byOperation = new TreeMap<>();
                    run.calls().forEach(c -> byOperation.merge(c, 1, Integer::sum));
                    System.out.printf("%-6d %-14s %9d %9.1f %10d %11.2f  %s%n", n, String.join(" ", command), ms,
                            (double) ms / n, run.calls().size(), (double) run.calls().size() / n, byOperation);
                }
            }
        }
        System.out.println("database: " + (database ? "one shared private PostgreSQL, two users per pair" : "none (closed port)")
                + "; doctor --all --parallel 8 (the default); " + Runtime.getRuntime().availableProcessors() + " cores; JVM "
                + System.getProperty("java.version"));
    }
}
