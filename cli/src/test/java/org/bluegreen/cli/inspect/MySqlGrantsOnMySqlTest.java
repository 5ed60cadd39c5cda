package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The grants comparison on MySQL, where account options are in SHOW CREATE USER only. */
class MySqlGrantsOnMySqlTest extends MySqlGrantsTest {

    @Override
    MariaDbServer newServer() {
        return MySqlFamilyServers.mySql();
    }

    @Override
    String roleAsShown(String name) {
        return "`" + name + "`@`%`";
    }

    @Override
    String setDefaultRole(String role, String account) {
        return "ALTER USER " + account + " DEFAULT ROLE " + role;
    }

    @Override
    String defaultPlugin() {
        return "caching_sha2_password";
    }

    @Test
    void mySqlsPasswordAndLockingOptionsShowAsDifferences() throws Exception {
        admin("ALTER USER " + greenAccount() + " FAILED_LOGIN_ATTEMPTS 3 PASSWORD_LOCK_TIME 2",
                "ALTER USER " + greenAccount() + " PASSWORD REQUIRE CURRENT PASSWORD HISTORY 5 PASSWORD REUSE INTERVAL 30 DAY");
        assertEquals(new TreeSet<>(List.of("ROLE: FAILED_LOGIN_ATTEMPTS 3", "ROLE: PASSWORD HISTORY 5",
                "ROLE: PASSWORD REQUIRE CURRENT", "ROLE: PASSWORD REUSE INTERVAL 30 DAY", "ROLE: PASSWORD_LOCK_TIME 2")),
                onlyGreen());
    }
}
