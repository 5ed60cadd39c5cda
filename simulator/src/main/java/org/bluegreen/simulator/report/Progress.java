package org.bluegreen.simulator.report;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line: how far each strategy's world has got in simulated time, and the logins so far. Worlds may
 * run on several threads, so the counts are atomic; the line is redrawn at most a few times a second.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean redraw;
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentHashMap<String, Double> done = new ConcurrentHashMap<>();
    private final long startedNanos = System.nanoTime();
    private volatile long lastPrintNanos;
    private volatile int lastPercentPrinted = -1;

    /**
     * @param redraw true on a terminal: one line rewritten in place; false (a pipe, a CI log): a line per 25%
     */
    public Progress(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    public static Progress silent() {
        return new Progress(null, false);
    }

    /** Names the worlds up front, so the overall figure counts those not started yet as 0%. */
    public void expect(Iterable<String> worlds) {
        worlds.forEach(w -> done.putIfAbsent(w, 0.0));
    }

    void loginAttempted() {
        attempted.incrementAndGet();
    }

    void loginFailed() {
        failed.incrementAndGet();
    }

    /** A world reports how far it is, as a fraction of its simulated span. */
    public void advanced(String world, Instant now, Instant start, Instant end) {
        double fraction = Math.min(1.0, (double) Duration.between(start, now).toMillis() / Duration.between(start, end).toMillis());
        done.put(world, fraction);
        maybePrint(false);
    }

    public void finish() {
        if (redraw) {
            maybePrint(true);
            if (out != null) {
                out.println();
            }
        } else if (lastPercentPrinted < 100) {
            maybePrint(true);
        }
    }

    private synchronized void maybePrint(boolean force) {
        if (out == null) {
            return;
        }
        double overall = done.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        int percent = (int) Math.floor(overall * 100);
        long now = System.nanoTime();
        if (redraw) {
            if (!force && now - lastPrintNanos < 200_000_000L) {
                return;
            }
            out.print("\r" + line(percent));
            out.flush();
        } else {
            int step = percent / 25 * 25;
            if (!force && step <= lastPercentPrinted) {
                return;
            }
            lastPercentPrinted = step;
            out.println(line(force ? percent : step));
        }
        lastPrintNanos = now;
    }

    private String line(int percent) {
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        return String.format("simulating: %3d%% of simulated time | %,d logins, %,d failed | %ds elapsed",
                percent, attempted.get(), failed.get(), seconds);
    }
}
