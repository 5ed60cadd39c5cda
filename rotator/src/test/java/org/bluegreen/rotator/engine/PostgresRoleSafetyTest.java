package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DatabaseEngine.unsafeToRotate and userNameProblem for PostgreSQL, asked by the user itself and by an admin. */
class PostgresRoleSafetyTest {

    private static final String PASSWORD = "role-safety-password-123";
    private final PasswordCheckingPostgres server = PasswordCheckingPostgres.shared();
    private final DatabaseEngine engine = Engines.forName("postgres");
    private PasswordCheckingPostgres.Scope scope;
    private String app;
    private String admin;

    @BeforeEach
    void setUp() throws SQLException {
        scope = server.scope();
        app = scope.createLoginRole(DbNames.unique("app"), PASSWORD);
        admin = scope.createLoginRole(DbNames.unique("admin"), PASSWORD, "CREATEROLE");
    }

    @AfterEach
    void tearDown() throws SQLException {
        scope.close();
    }

    @Test
    void anApplicationLoginIsSafe() throws SQLException {
        assertEquals(List.of(), asked(app, app));
        assertEquals(List.of(), asked(admin, app));
    }

    @ParameterizedTest
    @CsvSource({"SUPERUSER, SUPERUSER", "CREATEROLE, CREATEROLE", "REPLICATION, REPLICATION", "BYPASSRLS, BYPASSRLS"})
    void anAttributeWithAdministrativePowerIsNamed(String attribute, String named) throws SQLException {
        admin("ALTER ROLE " + app + " " + attribute);
        for (String asker : List.of(app, admin)) {
            assertEquals(List.of("role '" + app + "' has " + named), asked(asker, app));
        }
    }

    @Test
    void powerThroughMembershipCountsToo() throws SQLException {
        String middle = scope.trackRole(DbNames.unique("middle"));
        String top = scope.trackRole(DbNames.unique("top"));
        admin("CREATE ROLE " + top + " NOLOGIN CREATEROLE", "CREATE ROLE " + middle + " NOLOGIN",
                "GRANT " + top + " TO " + middle, "GRANT " + middle + " TO " + app);
        assertEquals(List.of("role '" + app + "' is a member of '" + top + "' (CREATEROLE)"), asked(admin, app));
    }

    @Test
    void predefinedAdminRolesCountButMonitoringRolesDoNot() throws SQLException {
        admin("GRANT pg_read_all_stats TO " + app);
        assertEquals(List.of(), asked(app, app));
        admin("GRANT pg_write_server_files TO " + app, "GRANT pg_read_all_data TO " + app);
        assertEquals(List.of("role '" + app + "' is a member of 'pg_read_all_data' (admin role)",
                "role '" + app + "' is a member of 'pg_write_server_files' (admin role)"), asked(app, app));
    }

    @Test
    void aRoleThatCannotLogInOrDoesNotExistIsNamed() throws SQLException {
        String group = scope.trackRole(DbNames.unique("group"));
        admin("CREATE ROLE " + group + " NOLOGIN");
        assertEquals(List.of("role '" + group + "' cannot log in (NOLOGIN)"), asked(admin, group));
        assertEquals(List.of("no role named 'nobody_here' exists"), asked(admin, "nobody_here"));
    }

    @Test
    void namesPostgresWouldTruncateOrChangeAreRefused() {
        assertEquals("the user name is longer than 63 bytes, which the engine would truncate",
                engine.userNameProblem("a".repeat(64)).orElseThrow());
        assertEquals("the user name is longer than 63 bytes, which the engine would truncate",
                engine.userNameProblem("é".repeat(32)).orElseThrow(), "64 bytes in UTF-8");
        assertTrue(engine.userNameProblem("a".repeat(63)).isEmpty());
        assertEquals("the user name begins or ends with white space", engine.userNameProblem("app ").orElseThrow());
        assertEquals("the user name contains a control character", engine.userNameProblem("a\0b").orElseThrow());
    }

    private List<String> asked(String asker, String about) throws SQLException {
        try (Connection c = engine.connect(login(asker), ConnectOptions.defaults())) {
            return engine.unsafeToRotate(c, about);
        }
    }

    private DbSecret login(String user) {
        return DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"" + server.host() + "\",\"port\":" + server.port()
                + ",\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\",\"ssl\":" + server.sslEnabled() + "}", "test login");
    }

    private void admin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection("postgres"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
