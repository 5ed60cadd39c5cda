package org.bluegreen.cli.recover;

import org.bluegreen.cli.pair.PairReader;

/** One step of a recovery plan: described before anything changes, applied only with {@code --yes}. */
interface RecoveryAction {

    /** Short name for scripts, e.g. {@code remove-pending}. */
    String kind();

    /** Which secret and version it acts on. */
    String secret();

    String version();

    /** What it will do and why, in one sentence. */
    String describe();

    /** Does it; returns what was done. Throws {@link org.bluegreen.cli.CliException} naming what went wrong. */
    String apply(PairReader aws);
}
