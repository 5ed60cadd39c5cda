package org.bluegreen.cli.fleet;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Doctor;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.Level;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.aws.RdsProxies;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.rotator.rotation.DatabaseAccess;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The doctor on every pair of an {@link Inventory}: at most {@code parallel} pairs at once, their services described
 * in shared batches first, and each pair's secrets taken from the listing instead of DescribeSecret.
 */
public final class FleetDoctor {

    /** One pair's results. */
    public record PairReport(FoundPair found, List<CheckResult> results) {
        public Level level() {
            return results.stream().map(CheckResult::level).max(Enum::compareTo).orElse(Level.PASS);
        }

        public long count(Level level) {
            return results.stream().filter(r -> r.level() == level).count();
        }
    }

    private FleetDoctor() {
    }

    /** The proxies are the account's, not a pair's: one read for all pairs, its failure shared too. */
    private static <T> Supplier<T> once(Supplier<T> read) {
        return new Supplier<>() {
            private T value;
            private RuntimeException error;

            @Override
            public synchronized T get() {
                if (value == null && error == null) {
                    try {
                        value = read.get();
                    } catch (RuntimeException e) {
                        error = e;
                    }
                }
                if (error != null) {
                    throw error;
                }
                return value;
            }
        };
    }

    public static List<PairReport> examine(Inventory inventory, PairReader reader, DatabaseAccess database, Instant now,
                                           List<Check> checks, int parallel) {
        ServiceBatches services = ServiceBatches.describe(reader, inventory.pairs().stream().map(FoundPair::pair).toList());
        Supplier<List<RdsProxies.Proxy>> proxies = once(reader::proxies);
        return Parallel.map(inventory.pairs(), parallel, found -> {
            Pair pair = found.pair();
            Facts facts = new Facts(reader, database, pair.blue().name(), pair.green().name(), now)
                    .withListing(Role.BLUE, found.blue())
                    .withListing(Role.GREEN, found.green());
            services.of(pair).ifPresent(facts::withServices);
            facts.withProxies(proxies);
            return new PairReport(found, new Doctor(checks).examine(facts));
        });
    }
}
