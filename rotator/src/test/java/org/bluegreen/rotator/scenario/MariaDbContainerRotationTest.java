package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;

import java.sql.SQLException;

/** The scenarios in a Testcontainers MariaDB ({@code BLUEGREEN_MARIADB_IMAGE}; see {@link ProviderScenarios}). */
class MariaDbContainerRotationTest extends MySqlFamilyScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return ProviderScenarios.database(
                () -> new MySqlFamilyTestDatabase(TestServers.mariaDb(TestServers.Provider.CONTAINER)));
    }
}
