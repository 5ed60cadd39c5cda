package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.MariaDbServer;

/** The grants comparison on MariaDB, whose SHOW GRANTS carries default roles, REQUIRE and limits itself. */
class MySqlGrantsOnMariaDbTest extends MySqlGrantsTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mariaDb();
    }

    @Override
    String roleAsShown(String name) {
        return "`" + name + "`";
    }

    @Override
    String setDefaultRole(String role, String account) {
        return "SET DEFAULT ROLE " + role + " FOR " + account;
    }

    @Override
    String defaultPlugin() {
        return "mysql_native_password";
    }
}
