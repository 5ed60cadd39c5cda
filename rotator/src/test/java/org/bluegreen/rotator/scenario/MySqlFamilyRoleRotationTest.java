package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole rotations of a slot whose user has its rights on the app's database directly, through its default role, or
 * through a role nested in its default role (the usual MySQL 8+ setup), in self-service and admin mode, on MariaDB and
 * on Oracle's MySQL (there also with {@code PASSWORD REQUIRE CURRENT}): each rotation completes, the old password is
 * rejected and the new one accepted.
 */
class MySqlFamilyRoleRotationTest {

    enum Rights { DIRECT, DEFAULT_ROLE, NESTED_ROLES }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String server : List.of("mariadb", "mysql")) {
            for (boolean adminMode : List.of(false, true)) {
                for (Rights rights : Rights.values()) {
                    out.add(Arguments.of(server, adminMode, rights, false));
                }
                if (server.equals("mysql")) {
                    out.add(Arguments.of(server, adminMode, Rights.NESTED_ROLES, true));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, admin mode {1}, rights {2}, PASSWORD REQUIRE CURRENT {3}")
    @MethodSource("cases")
    void aRotationOfAUserWithThoseRightsCompletes(String server, boolean adminMode, Rights rights, boolean requireCurrent)
            throws Exception {
        MariaDbServer scope = server.equals("mariadb") ? MySqlFamilyServers.mariaDb() : MySqlFamilyServers.mySql();
        MySqlFamilyTestDatabase db = new MySqlFamilyTestDatabase(scope);
        BlueGreenPair p = adminMode ? BlueGreenPair.adminMode(db) : BlueGreenPair.selfService(db);
        List<String> roles = new ArrayList<>();
        try {
            Assumptions.assumeTrue(!requireCurrent || !scope.isMariaDb(), "MariaDB has no PASSWORD REQUIRE CURRENT");
            String blue = "`" + p.blueUser + "`@`%`";
            if (rights != Rights.DIRECT) {
                String owner = DbNames.unique("owner");
                roles.add(owner);
                db.asAdmin("CREATE ROLE " + owner, "REVOKE ALL PRIVILEGES ON `" + db.dbname() + "`.* FROM " + blue,
                        "GRANT " + owner + " TO " + blue,
                        scope.isMariaDb() ? "SET DEFAULT ROLE " + owner + " FOR " + blue : "SET DEFAULT ROLE " + owner + " TO " + blue);
                if (rights == Rights.NESTED_ROLES) {
                    String tables = DbNames.unique("tables");
                    roles.add(tables);
                    db.asAdmin("CREATE ROLE " + tables, "GRANT ALL ON `" + db.dbname() + "`.* TO " + tables,
                            "GRANT " + tables + " TO " + owner);
                } else {
                    db.asAdmin("GRANT ALL ON `" + db.dbname() + "`.* TO " + owner);
                }
            }
            if (requireCurrent) {
                db.asAdmin("ALTER USER " + blue + " PASSWORD REQUIRE CURRENT");
            }
            String before = p.password(p.blueArn, "AWSCURRENT");
            assertTrue(db.logsIn(p.blueUser, before), "the app logs in to its database through its rights");

            p.rotate(p.blueArn);

            String after = p.password(p.blueArn, "AWSCURRENT");
            assertNotEquals(before, after, p.log());
            assertTrue(db.logsIn(p.blueUser, after), "the new password logs in");
            assertFalse(db.logsIn(p.blueUser, before), "the old password is rejected");
            p.leaks.assertNoneIn(p.log(), "the log");
            p.leaks.assertNoneIn(db.statementLog(), "the server's general log");
        } finally {
            for (String role : roles) {
                db.asAdmin("DROP ROLE IF EXISTS " + role);
            }
            p.close();
        }
    }
}
