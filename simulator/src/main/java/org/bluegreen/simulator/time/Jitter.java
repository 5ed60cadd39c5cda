package org.bluegreen.simulator.time;

import java.util.SplittableRandom;

/**
 * Seeded randomness that does not depend on the order of use: each value is a pure function of the seed, a purpose
 * and an index. So every strategy's world draws the same login phase for its task #7 and the same start time for
 * the rotation of 1 March, and the strategies stay comparable side by side.
 */
public final class Jitter {

    private final long seed;

    public Jitter(long seed) {
        this.seed = seed;
    }

    /** A number in [0, 1) for {@code (purpose, index)}. */
    public double unit(String purpose, long index) {
        long mixed = seed * 0x9E3779B97F4A7C15L + purpose.hashCode() * 0xBF58476D1CE4E5B9L + index;
        return new SplittableRandom(mixed).nextDouble();
    }
}
