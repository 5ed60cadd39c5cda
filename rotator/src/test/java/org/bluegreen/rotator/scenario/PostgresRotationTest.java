package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;

import java.sql.SQLException;

/**
 * The rotation scenarios against the embedded PostgreSQL (zonky, no Docker), which enforces scram-sha-256 passwords
 * over TCP. Fails, does not skip, when it cannot start. {@link PostgresContainerRotationTest} runs them in a container.
 */
class PostgresRotationTest extends RotationScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new PostgresTestDatabase(TestServers.postgres(TestServers.Provider.LOCAL));
    }

    @Override
    String hostileUserName() {
        return "blue\"; DROP ROLE app; --'" + DbNames.unique("x");
    }
}
