package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MariaDbServer;

/** The rotation scenarios on MariaDB. */
class MySqlFamilyOnMariaDbRotationTest extends MySqlFamilyRotationTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mariaDb();
    }
}
