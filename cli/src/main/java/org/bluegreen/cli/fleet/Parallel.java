package org.bluegreen.cli.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs one task per item on at most {@code threads} threads, keeping the items' order in the results. */
public final class Parallel {

    private Parallel() {
    }

    public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> task) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())), r -> {
            Thread t = new Thread(r, "bluegreen-cli-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
