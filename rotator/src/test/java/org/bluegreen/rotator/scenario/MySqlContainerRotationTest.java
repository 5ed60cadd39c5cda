package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyServer;
import org.bluegreen.testkit.db.TestServers;

/** The scenarios in a Testcontainers MySQL, Oracle's server ({@code BLUEGREEN_MYSQL_IMAGE}; see {@link ProviderScenarios}). */
class MySqlContainerRotationTest extends MySqlScenarios {

    @Override
    MySqlFamilyServer server() {
        return TestServers.mySql(TestServers.Provider.CONTAINER);
    }
}
