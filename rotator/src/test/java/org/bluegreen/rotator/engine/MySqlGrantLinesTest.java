package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.engine.MySqlGrantLines.DefaultRole;
import org.bluegreen.rotator.engine.MySqlGrantLines.Grantee;
import org.bluegreen.rotator.engine.MySqlGrantLines.Membership;
import org.bluegreen.rotator.engine.MySqlGrantLines.Privilege;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SHOW GRANTS lines as MySQL 9.7 and MariaDB 10.11 print them (copied from both), read into records; no database. */
class MySqlGrantLinesTest {

    private static final Grantee U = new Grantee("u3", "%");

    @Test
    void privilegesOnePerRecord_usageDropped_grantOptionKept() {
        assertEquals(List.of(), MySqlGrantLines.parse("GRANT USAGE ON *.* TO `u3`@`%`"));
        assertEquals(List.of(new Privilege(U, "*.*", "PROCESS", true, false), new Privilege(U, "*.*", "RELOAD", true, false)),
                MySqlGrantLines.parse("GRANT PROCESS, RELOAD ON *.* TO `u3`@`%` WITH GRANT OPTION"));
        assertEquals(List.of(new Privilege(U, "`appdb`.`t`", "SELECT (`a`, `b`)", false, false)),
                MySqlGrantLines.parse("GRANT SELECT (`a`, `b`) ON `appdb`.`t` TO `u3`@`%`"));
        assertEquals(List.of(new Privilege(U, "`mysql`.*", "INSERT", false, true)),
                MySqlGrantLines.parse("REVOKE INSERT ON `mysql`.* FROM `u3`@`%`"));
    }

    @Test
    void membershipsOfMySqlAndMariaDb_adminOptionOnEach() {
        Grantee plain = new Grantee("r_plain", "%");
        Grantee sub = new Grantee("r_sub", "%");
        assertEquals(List.of(new Membership(U, plain, true), new Membership(U, sub, true)),
                MySqlGrantLines.parse("GRANT `r_plain`@`%`,`r_sub`@`%` TO `u3`@`%` WITH ADMIN OPTION"));
        // MariaDB: roles have no host; a role's own grants name it alone
        Grantee outer = new Grantee("r_outer", null);
        assertEquals(List.of(new Membership(outer, new Grantee("r_inner", null), false)),
                MySqlGrantLines.parse("GRANT `r_inner` TO `r_outer`"));
        assertEquals(List.of(new Privilege(new Grantee("r_inner", null), "*.*", "CREATE USER", false, false)),
                MySqlGrantLines.parse("GRANT CREATE USER ON *.* TO `r_inner`"));
        assertEquals(List.of(new DefaultRole(new Grantee("u1", "%"), outer)),
                MySqlGrantLines.parse("SET DEFAULT ROLE `r_outer` FOR `u1`@`%`"));
    }

    @Test
    void mariaDbsPublicAndAccountOptionsAndUnknownForms() {
        Privilege pub = (Privilege) MySqlGrantLines.parse("GRANT SELECT, INSERT ON `test`.* TO PUBLIC").get(0);
        assertTrue(pub.grantee().isPublic());
        assertEquals(List.of(), MySqlGrantLines.parse(
                "GRANT USAGE ON *.* TO `u1`@`%` IDENTIFIED BY PASSWORD '*2B602296A79E0A8784ACC5C88D92E46588CCA3C3'"));
        assertEquals(List.of(), MySqlGrantLines.parse("CREATE USER `x`@`%`"));
    }

    @Test
    void namesWithQuotesAndKeywordsInsideAreOneName() {
        Grantee odd = new Grantee("a` TO `b", "%");
        assertEquals(List.of(new Privilege(odd, "`d``b`.*", "SELECT", false, false)),
                MySqlGrantLines.parse("GRANT SELECT ON `d``b`.* TO `a`` TO ``b`@`%`"));
    }

    @Test
    void theMysqlSchemaIsReachedByNameOrByAPatternThatMatchesIt() {
        assertTrue(priv("`mysql`.*").inSchema("mysql"));
        assertTrue(priv("`mysql`.`user`").inSchema("mysql"));
        assertTrue(priv("`m%`.*").inSchema("mysql"));
        assertTrue(priv("`my_ql`.*").inSchema("mysql"), "an unescaped _ is a wildcard in a database-level grant");
        assertFalse(priv("`my\\_ql`.*").inSchema("mysql"), "an escaped one is not");
        assertFalse(priv("`my_ql`.`t`").inSchema("mysql"), "a table-level grant names its database");
        assertFalse(priv("`appdb`.*").inSchema("mysql"));
        assertFalse(priv("*.*").inSchema("mysql"));
        assertTrue(priv("PROCEDURE `mysql`.`p`").inSchema("mysql"));
    }

    private static Privilege priv(String object) {
        return new Privilege(U, object, "UPDATE", false, false);
    }
}
