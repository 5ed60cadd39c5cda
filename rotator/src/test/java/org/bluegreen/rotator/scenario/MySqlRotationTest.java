package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyServer;
import org.bluegreen.testkit.db.TestServers;

/**
 * The scenarios on Oracle's MySQL without Docker: {@code mysqld} from the root {@code BLUEGREEN_MYSQL_ROOT} names,
 * through chroot (see {@link ProviderScenarios}).
 */
class MySqlRotationTest extends MySqlScenarios {

    @Override
    MySqlFamilyServer server() {
        return TestServers.mySql(TestServers.Provider.LOCAL);
    }
}
