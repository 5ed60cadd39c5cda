package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;

import java.sql.SQLException;

/** The scenarios in a Testcontainers MySQL, Oracle's server ({@code BLUEGREEN_MYSQL_IMAGE}; see {@link ProviderScenarios}). */
class MySqlContainerRotationTest extends MySqlFamilyScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return ProviderScenarios.database(
                () -> new MySqlFamilyTestDatabase(TestServers.mySql(TestServers.Provider.CONTAINER)));
    }
}
