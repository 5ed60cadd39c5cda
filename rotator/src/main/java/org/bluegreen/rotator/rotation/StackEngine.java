package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Rule: where the stack names its database engine ({@code DB_ENGINE}), a slot's secret names one of the same family:
 * a secret claiming another kind of server at the pinned endpoint is not the database the stack was built for.
 * Names of one family ({@code postgres}, {@code aurora-postgresql}) are interchangeable.
 */
public final class StackEngine {

    private StackEngine() {
    }

    /** @param stackEngine {@code DB_ENGINE}, or null when the function's configuration names none (then it passes) */
    public static void check(DbSecret secret, String stackEngine, String what) {
        if (stackEngine != null && Engines.family(secret.engine()) != Engines.family(stackEngine)) {
            throw new Refusal(Refusal.Reason.UNTRUSTED_ENDPOINT, what + " names engine " + quote(secret.engine())
                    + ", but the stack's database is " + quote(stackEngine) + " (the function's DB_ENGINE)");
        }
    }
}
