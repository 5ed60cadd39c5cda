package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.MariaDbServer;

/** {@link MySqlRoleSafetyTest} on Oracle's MySQL (9.7 from a sid root here; skipped with the reason where absent). */
class MySqlRoleSafetyOnMySqlTest extends MySqlRoleSafetyTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mySql();
    }

    @Override
    String setDefaultRole(String role, String user) {
        return "SET DEFAULT ROLE " + role + " TO " + acct(user);
    }
}
