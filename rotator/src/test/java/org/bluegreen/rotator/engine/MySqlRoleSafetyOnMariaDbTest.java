package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.MariaDbServer;

/** {@link MySqlRoleSafetyTest} on MariaDB (the private mariadbd, or the MariaDB the environment names). */
class MySqlRoleSafetyOnMariaDbTest extends MySqlRoleSafetyTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mariaDb();
    }

    @Override
    String setDefaultRole(String role, String user) {
        return "SET DEFAULT ROLE " + role + " FOR " + acct(user);
    }
}
