package org.bluegreen.simulator;

import org.bluegreen.simulator.db.DatabaseServer;
import org.bluegreen.simulator.db.SimulationUsers;
import org.bluegreen.simulator.report.Progress;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.simulator.strategy.World;
import org.bluegreen.simulator.strategy.WorldResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every chosen strategy's world against one database server. Worlds share nothing but the server (each has
 * its own users), so they may run on separate threads without changing any count.
 */
public final class Simulation {

    /** What a run produced. {@code rotatorLogs} holds the rotator's JSON log lines, one file per world. */
    public record Result(SimulationConfig config, String database, List<WorldResult> worlds, Duration wallTime,
                         List<Path> rotatorLogs) {

        public WorldResult world(StrategyKind kind) {
            return worlds.stream().filter(w -> w.kind() == kind).findFirst().orElseThrow();
        }
    }

    private Simulation() {
    }

    public static Result run(SimulationConfig config, DatabaseServer database, Progress progress)
            throws SQLException, IOException, InterruptedException {
        long started = System.nanoTime();
        String runId = runId();
        List<Path> logs = new ArrayList<>();
        List<PrintStream> logStreams = new ArrayList<>();
        List<World> worlds = new ArrayList<>();
        try (SimulationUsers users = new SimulationUsers(database)) {
            progress.expect(config.strategies().stream().map(StrategyKind::id).toList());
            for (StrategyKind kind : config.strategies()) {
                PrintStream stream = new PrintStream(OutputStream.nullOutputStream());
                if (kind.runsRotator()) {
                    Path log = rotatorLogPath(config.report(), kind);
                    Files.createDirectories(log.toAbsolutePath().getParent());
                    stream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
                    logs.add(log);
                }
                logStreams.add(stream);
                worlds.add(new World(kind.create(), config, database, users, "bgsim_" + runId + "_" + shortName(kind),
                        stream, progress));
            }
            List<WorldResult> results = runAll(worlds, config.threads());
            progress.finish();
            return new Result(config, database.describe(), results, Duration.ofNanos(System.nanoTime() - started), logs);
        } finally {
            logStreams.forEach(PrintStream::close);
        }
    }

    private static List<WorldResult> runAll(List<World> worlds, int threads) throws SQLException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, worlds.size()), r -> {
            Thread t = new Thread(r, "simulated-world");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<WorldResult>> futures = new ArrayList<>();
            for (World w : worlds) {
                futures.add(pool.submit(w::run));
            }
            List<WorldResult> results = new ArrayList<>();
            for (Future<WorldResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException sql) {
                        throw sql;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code reports/x.html} gives {@code reports/x-rotator-bluegreen.jsonl}. */
    static Path rotatorLogPath(Path report, StrategyKind kind) {
        String name = report.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return report.resolveSibling(base + "-rotator-" + kind.id() + ".jsonl");
    }

    private static String shortName(StrategyKind kind) {
        return switch (kind) {
            case BLUEGREEN -> "bg";
            case SINGLE_USER -> "su";
            case MISFIRE -> "mf";
        };
    }

    /** User names must not collide with another run on the same server. */
    private static String runId() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }
}
