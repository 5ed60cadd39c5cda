package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.MariaDbServer;

/** The doctor on a MySQL pair (over the TLS MySQL sets up for itself). */
class MySqlDoctorOnMySqlTest extends MySqlDoctorTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mySql();
    }
}
