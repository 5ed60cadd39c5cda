package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.bluegreen.cli.DoctorTest.levels;
import static org.bluegreen.cli.DoctorTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor on a pair whose secrets name the admin secret ({@code masterarn}): the rotation logs in as that admin
 * (to count the user's sessions and change its password), so the login check logs in as it too.
 */
class AdminModeDoctorTest {

    private PairCli cli;
    private BlueGreenPair pair;

    @BeforeEach
    void setUp() throws SQLException {
        cli = PairCli.adminMode();
        pair = cli.pair;
    }

    @AfterEach
    void tearDown() throws SQLException {
        cli.close();
    }

    @Test
    void aHealthyAdminModePairPassesEveryCheck() {
        PairCli.Run run = cli.pairCommand("doctor");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("0 FAIL, 0 WARN, 15 PASS"), run.out());
        PairCli.Run json = cli.pairCommand("doctor", "--json");
        assertEquals(List.of("PASS", "PASS", "PASS", "PASS"), levels(json, "login"));
        String admin = "admin '" + pair.adminUser + "' (masterarn of app-%s) at " + pair.db.host() + ":" + pair.db.port()
                + "/" + pair.db.dbname() + " logs in";
        assertTrue(message(json, "login").contains(admin.formatted("blue")), message(json, "login"));
        assertTrue(message(json, "login").contains(admin.formatted("green")), message(json, "login"));
        assertEquals(List.of(), run.writes());
        assertEquals(List.of(), json.writes());
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
