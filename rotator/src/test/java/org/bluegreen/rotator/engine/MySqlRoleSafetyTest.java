package org.bluegreen.rotator.engine;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DatabaseEngine.unsafeToRotate and userNameProblem for the MySQL family, asked by the user itself and by an admin. */
class MySqlRoleSafetyTest {

    private static final String PASSWORD = "role-safety-password-12";
    private final DatabaseEngine engine = new MySqlEngine();
    private MariaDbServer server;
    private String db;
    private String app;
    private String admin;

    @BeforeEach
    void setUp() throws SQLException {
        server = MariaDbServer.fromEnvironment();
        db = server.createDatabase(DbNames.unique("safety"));
        app = server.createUser(DbNames.unique("app"), "%", PASSWORD);
        server.grantAllOn(db, app, "%");
        admin = server.createUser(DbNames.unique("admin"), "%", PASSWORD);
        server.grantGlobal("SELECT, UPDATE, CREATE USER, PROCESS", admin, "%", true);
    }

    @AfterEach
    void tearDown() throws SQLException {
        server.close();
    }

    @Test
    void anApplicationAccountIsSafe() throws SQLException {
        assertEquals(List.of(), asked(app, app));
        assertEquals(List.of(), asked(admin, app));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE USER", "SUPER", "SELECT", "RELOAD"})
    void aGlobalPrivilegeBeyondReadingStatusIsNamed(String privilege) throws SQLException {
        admin("GRANT " + privilege + " ON *.* TO '" + app + "'@'%'");
        for (String asker : List.of(app, admin)) {
            assertEquals(List.of("'" + app + "' has global " + privilege), asked(asker, app));
        }
    }

    @Test
    void grantOptionAndTheMysqlSchemaCount() throws SQLException {
        admin("GRANT PROCESS ON *.* TO '" + app + "'@'%' WITH GRANT OPTION");
        assertEquals(List.of("'" + app + "' has global PROCESS WITH GRANT OPTION"), asked(admin, app));
        admin("REVOKE ALL PRIVILEGES, GRANT OPTION FROM '" + app + "'@'%'", "GRANT UPDATE ON mysql.* TO '" + app + "'@'%'",
                "GRANT ALL ON " + db + ".* TO '" + app + "'@'%'");
        assertEquals(List.of("'" + app + "' has UPDATE on the mysql schema, which holds every account's credentials"), asked(app, app));
    }

    @Test
    void powerThroughARoleCountsToo() throws SQLException {
        String role = DbNames.unique("role");
        try {
            admin("CREATE ROLE " + role, "GRANT CREATE USER ON *.* TO " + role, "GRANT " + role + " TO '" + app + "'@'%'");
            List<String> problems = asked(admin, app);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("role `" + role + "`") && problems.get(0).endsWith(" has global CREATE USER"), problems.toString());
        } finally {
            admin("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aLockedAccountIsNamed() throws SQLException {
        admin("ALTER USER '" + app + "'@'%' ACCOUNT LOCK");
        assertEquals(List.of("account of '" + app + "' is locked (it cannot log in)"), asked(admin, app));
    }

    @Test
    void namesLongerThanMySqlTakesAreRefused() {
        assertEquals("the user name is longer than 32 characters, which the engine refuses",
                engine.userNameProblem("a".repeat(33)).orElseThrow());
        assertTrue(engine.userNameProblem("a".repeat(32)).isEmpty());
        assertEquals("the user name begins or ends with white space", engine.userNameProblem("app ").orElseThrow());
    }

    private List<String> asked(String asker, String about) throws SQLException {
        try (Connection c = server.connect(asker, PASSWORD, db)) {
            return engine.unsafeToRotate(c, about);
        }
    }

    private void admin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
