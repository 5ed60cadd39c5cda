package org.bluegreen.cli;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.bluegreen.cli.DoctorTest.levels;
import static org.bluegreen.cli.DoctorTest.message;
import static org.bluegreen.cli.DoctorTest.passesEveryCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor on a pair whose secrets name the admin secret ({@code masterarn}): the rotation logs in as that admin
 * (to count the user's sessions and change its password), so the login check logs in as it too.
 */
class AdminModeDoctorTest extends AbstractPairCliTest {

    @Override
    PairCli newPair() throws SQLException {
        return PairCli.adminMode();
    }

    @Test
    void aHealthyAdminModePairPassesEveryCheck() {
        PairCli.Run json = passesEveryCheck(cli, 16);
        assertEquals(4, levels(json, "login").size(), "each user's login, and the admin's for each secret");
        String admin = "admin '" + pair.adminUser + "' (masterarn of app-%s) at '" + pair.db.host() + ":" + pair.db.port()
                + "/" + pair.db.dbname() + "' logs in";
        assertTrue(message(json, "login").contains(admin.formatted("blue")), message(json, "login"));
        assertTrue(message(json, "login").contains(admin.formatted("green")), message(json, "login"));
    }

    @Test
    void anAdminWhosePasswordIsWrongFailsThoughBothUsersLogIn() throws SQLException {
        pair.setPasswordByHand(pair.adminUser);
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("PASS", "PASS", "FAIL", "FAIL"), levels(run, "login"));
        assertTrue(message(run, "login").contains("the database rejects the password of admin '" + pair.adminUser + "'"),
                message(run, "login"));
    }
}
