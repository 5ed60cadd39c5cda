package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;

import java.sql.SQLException;

/** The PostgreSQL scenarios in a Testcontainers PostgreSQL ({@code BLUEGREEN_POSTGRES_IMAGE}; see {@link ProviderScenarios}). */
class PostgresContainerRotationTest extends PostgresRotationTest {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return ProviderScenarios.database(
                () -> new PostgresTestDatabase(TestServers.postgres(TestServers.Provider.CONTAINER)));
    }
}
