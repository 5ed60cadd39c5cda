package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;
import org.junit.jupiter.api.Assumptions;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database of a scenario class that pins one provider (a container, a private MySQL): where this machine lacks
 * that provider the class's cases are skipped with the reason (what to install), unless
 * {@code BLUEGREEN_REQUIRE_ALL_PROVIDERS=true} (as in CI), where they fail with it. Every family keeps one class on a
 * provider any machine with the README's prerequisites has, and that one fails, not skips.
 */
final class ProviderScenarios {

    @FunctionalInterface
    interface Opening<T> {
        T open() throws SQLException;
    }

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private ProviderScenarios() {
    }

    static TestDatabase database(Opening<TestDatabase> opening) throws SQLException {
        return provided(opening);
    }

    /** What {@code opening} gives, or the test skipped (failed, where all providers are required) without it. */
    static <T> T provided(Opening<T> opening) throws SQLException {
        try {
            return opening.open();
        } catch (TestServers.Unavailable e) {
            if (TestServers.allProvidersRequired()) {
                throw e;
            }
            if (REPORTED.add(e.getMessage())) {
                // in the build's output, not only in the reports: a skip is never silent
                System.err.println("rotation scenarios skipped: " + e.getMessage());
            }
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }
}
