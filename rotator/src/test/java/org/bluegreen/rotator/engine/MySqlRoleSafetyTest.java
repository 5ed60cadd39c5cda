package org.bluegreen.rotator.engine;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.engine.MySqlRoleSafety.Kind;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DatabaseEngine.unsafeToRotate for the MySQL family on a real server, asked by the user itself (self-service, no
 * privilege on the mysql schema) and by an admin, with rights granted directly and through roles: granted, default,
 * nested. Runs on MySQL and on MariaDB ({@link MySqlRoleSafetyOnMySqlTest}, {@link MySqlRoleSafetyOnMariaDbTest}).
 * Findings are matched by {@link Kind}, never by wording.
 */
abstract class MySqlRoleSafetyTest {

    private static final String PASSWORD = "role-safety-password-12";
    private final DatabaseEngine engine = new MySqlEngine();
    MariaDbServer server;
    private String db;
    private String app;
    private String admin;
    private final List<String> roles = new ArrayList<>();

    abstract MariaDbServer newServer();

    /** {@code SET DEFAULT ROLE r FOR u} in the server's own syntax. */
    abstract String setDefaultRole(String role, String user);

    @BeforeEach
    void setUp() throws SQLException {
        server = newServer();
        db = server.createDatabase(DbNames.unique("safety"));
        app = server.createUser(DbNames.unique("app"), "%", PASSWORD);
        admin = server.createUser(DbNames.unique("admin"), "%", PASSWORD);
        server.grantGlobal("SELECT, UPDATE, CREATE USER, PROCESS", admin, "%", true);
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (server == null) {
            return; // the server was not available here: setUp skipped the test
        }
        try {
            for (String role : roles) {
                admin("DROP ROLE IF EXISTS " + role);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void anAccountWithRightsOnItsDatabaseIsSafe() throws SQLException {
        server.grantAllOn(db, app, "%");
        assertSafeForBoth();
    }

    /** The usual MySQL 8 setup: the app's rights come from a role that is its default role. */
    @Test
    void rightsThroughADefaultRoleAreSafe_andTheUserChangesItsOwnPassword() throws Exception {
        String owner = role("owner");
        admin("GRANT ALL ON " + db + ".* TO " + owner, "GRANT " + owner + " TO " + acct(app), setDefaultRole(owner, app));
        assertSafeForBoth();
        assertSelfServiceRotates();
    }

    /** MySQL only: the account demands its current password for a change of its own. */
    @Test
    void rightsThroughARole_withPasswordRequireCurrent() throws Exception {
        Assumptions.assumeFalse(server.isMariaDb(), "MariaDB has no PASSWORD REQUIRE CURRENT");
        String owner = role("owner");
        admin("GRANT ALL ON " + db + ".* TO " + owner, "GRANT " + owner + " TO " + acct(app), setDefaultRole(owner, app),
                "ALTER USER " + acct(app) + " PASSWORD REQUIRE CURRENT");
        assertSafeForBoth();
        assertSelfServiceRotates();
    }

    @Test
    void rightsThroughNestedRolesThatAreNotDefaultAreSafe() throws Exception {
        String reader = role("reader");
        String writer = role("writer");
        admin("GRANT SELECT ON " + db + ".* TO " + reader, "GRANT INSERT, UPDATE ON " + db + ".* TO " + writer,
                "GRANT " + reader + " TO " + writer, "GRANT " + writer + " TO " + acct(app));
        assertSafeForBoth();
        assertSelfServiceRotates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE USER", "SUPER", "SELECT", "RELOAD"})
    void aGlobalPrivilegeBeyondReadingStatusIsFound(String privilege) throws SQLException {
        admin("GRANT " + privilege + " ON *.* TO " + acct(app));
        assertFoundForBoth(Kind.GLOBAL_PRIVILEGE);
    }

    @Test
    void grantOptionOnAHarmlessPrivilegeIsFound() throws SQLException {
        admin("GRANT PROCESS ON *.* TO " + acct(app) + " WITH GRANT OPTION");
        assertFoundForBoth(Kind.GLOBAL_PRIVILEGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"`mysql`.*", "`mysql`.`user`", "`m%`.*"})
    void aPrivilegeReachingTheMysqlSchemaIsFound(String object) throws SQLException {
        admin("GRANT UPDATE ON " + object + " TO " + acct(app));
        assertFoundForBoth(Kind.MYSQL_SCHEMA);
    }

    /** Power two roles deep, through a role that is the user's default: both askers find it, as the inner role's. */
    @Test
    void powerInANestedRoleIsFound() throws SQLException {
        String outer = role("outer");
        String inner = role("inner");
        admin("GRANT SELECT ON " + db + ".* TO " + outer, "GRANT CREATE USER ON *.* TO " + inner,
                "GRANT " + inner + " TO " + outer, "GRANT " + outer + " TO " + acct(app), setDefaultRole(outer, app));
        assertFoundForBoth(Kind.GLOBAL_PRIVILEGE);
        for (String asker : List.of(app, admin)) {
            List<MySqlRoleSafety.Finding> found = findings(asker);
            assertTrue(found.get(0).text().startsWith("role `"), "held by a role, not the user: " + found);
        }
    }

    /** A role the user has but has not made active is power it can take at any time. */
    @Test
    void powerInARoleThatIsNotActiveIsFound() throws SQLException {
        String owner = role("owner");
        String dba = role("dba");
        admin("GRANT ALL ON " + db + ".* TO " + owner, "GRANT SUPER ON *.* TO " + dba,
                "GRANT " + owner + " TO " + acct(app), "GRANT " + dba + " TO " + acct(app), setDefaultRole(owner, app));
        assertFoundForBoth(Kind.GLOBAL_PRIVILEGE);
    }

    @Test
    void aRoleTheUserMayHandOnIsFound() throws SQLException {
        String owner = role("owner");
        admin("GRANT ALL ON " + db + ".* TO " + owner, "GRANT " + owner + " TO " + acct(app) + " WITH ADMIN OPTION");
        assertFoundForBoth(Kind.ROLE_ADMIN);
    }

    @Test
    void aLockedAccountIsFoundByTheAdmin() throws SQLException {
        admin("ALTER USER " + acct(app) + " ACCOUNT LOCK");
        assertEquals(List.of(Kind.LOCKED), kinds(admin));
    }

    /** A third account without SELECT on the mysql schema cannot tell: refused, naming the statement that failed. */
    @Test
    void rightsNobodyCouldReadAreRefusedNamingTheStatement() throws SQLException {
        String other = server.createUser(DbNames.unique("other"), "%", PASSWORD);
        server.grantAllOn(db, other, "%");
        List<MySqlRoleSafety.Finding> found = findings(other);
        assertEquals(List.of(Kind.UNREADABLE), found.stream().map(MySqlRoleSafety.Finding::kind).toList());
        assertTrue(found.get(0).text().contains("mysql.user"), found.get(0).text());
    }

    @Test
    void namesLongerThanMySqlTakesAreRefused() {
        assertEquals("the user name is longer than 32 characters, which the engine refuses",
                engine.userNameProblem("a".repeat(33)).orElseThrow());
        assertTrue(engine.userNameProblem("a".repeat(32)).isEmpty());
        assertEquals("the user name begins or ends with white space", engine.userNameProblem("app ").orElseThrow());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void assertSafeForBoth() throws SQLException {
        for (String asker : List.of(app, admin)) {
            assertEquals(List.of(), findings(asker), "asked by " + (asker.equals(app) ? "the user" : "the admin"));
            try (Connection c = server.connect(asker, PASSWORD, null)) {
                assertEquals(List.of(), engine.unsafeToRotate(c, app));
            }
        }
    }

    private void assertFoundForBoth(Kind kind) throws SQLException {
        assertEquals(List.of(kind), kinds(app), "asked by the user itself");
        assertEquals(List.of(kind), kinds(admin), "asked by the admin");
    }

    /** The check passes as the user, leaves its session's role as it was, and the user then changes its password. */
    private void assertSelfServiceRotates() throws Exception {
        String newPassword = "new-" + UUID.randomUUID().toString().substring(0, 20);
        DbSecret login = login(app, PASSWORD);
        try (Connection c = engine.connect(login, ConnectOptions.defaults())) {
            String roleBefore = currentRole(c);
            assertEquals(List.of(), engine.unsafeToRotate(c, app));
            assertEquals(roleBefore, currentRole(c), "the session's role is as it was");
            engine.changeOwnPassword(c, login, newPassword);
        }
        SQLException old = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> server.connect(app, PASSWORD, null).close());
        assertTrue(engine.isWrongPassword(old), "the old password is rejected: " + old.getMessage());
        try (Connection c = server.connect(app, newPassword, null)) {
            assertTrue(c.isValid(5), "the new password logs in");
        }
    }

    private static String currentRole(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_ROLE()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<Kind> kinds(String asker) throws SQLException {
        return findings(asker).stream().map(MySqlRoleSafety.Finding::kind).toList();
    }

    private List<MySqlRoleSafety.Finding> findings(String asker) throws SQLException {
        try (Connection c = server.connect(asker, PASSWORD, null)) {
            return MySqlRoleSafety.findings(c, app);
        }
    }

    private String role(String name) throws SQLException {
        String role = DbNames.unique(name);
        admin("CREATE ROLE " + role);
        roles.add(role);
        return role;
    }

    String acct(String user) {
        return MySqlSql.account(user, "%");
    }

    void admin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private DbSecret login(String user, String password) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", server.isMariaDb() ? "mariadb" : "mysql");
        m.put("host", server.host());
        m.put("port", server.port());
        m.put("username", user);
        m.put("password", password);
        m.put("ssl", false);
        try {
            return DbSecret.parse(JSON.std.asString(m), "test secret");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
