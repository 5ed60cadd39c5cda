package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS as the rotation connects to PostgreSQL: on by default, verified with a CA bundle, off only when the secret says so. */
class PostgresEngineTlsTest {

    private static final PasswordCheckingPostgres PG = PasswordCheckingPostgres.shared();
    private static final DatabaseEngine ENGINE = Engines.forName("postgres");
    private static PasswordCheckingPostgres.Scope scope;
    private static String user;
    private static String password;

    @BeforeAll
    static void role() throws SQLException {
        assertTrue(PG.sslEnabled(), "the test server speaks TLS: " + PG.sslProblem());
        scope = PG.scope();
        password = "Pw-" + UUID.randomUUID();
        user = scope.createLoginRole(DbNames.unique("tls"), password);
    }

    @AfterAll
    static void drop() throws SQLException {
        scope.close();
    }

    private static DbSecret secret(String ssl) {
        return DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"" + PG.host() + "\",\"port\":" + PG.port()
                + ",\"username\":\"" + user + "\",\"password\":\"" + password + "\"" + (ssl == null ? "" : ",\"ssl\":" + ssl) + "}", "test");
    }

    private static boolean sessionUsesTls(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            return rs.getBoolean(1);
        }
    }

    @Test
    void tlsByDefault() throws SQLException {
        try (Connection c = ENGINE.connect(secret(null), ConnectOptions.defaults())) {
            assertTrue(sessionUsesTls(c));
        }
    }

    @Test
    void verifiedWithTheServersCa() throws SQLException {
        try (Connection c = ENGINE.connect(secret(null), ConnectOptions.defaults().withCaBundle(PG.sslRootCert()))) {
            assertTrue(sessionUsesTls(c));
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        Path publicCas = Path.of("/etc/ssl/certs/ca-certificates.crt");
        assertTrue(Files.isReadable(publicCas), "the system CA bundle is there");
        SQLException e = assertThrows(SQLException.class,
                () -> ENGINE.connect(secret(null), ConnectOptions.defaults().withCaBundle(publicCas)).close());
        assertEquals("08006", e.getSQLState(), e.getMessage());
    }

    @Test
    void plaintextOnlyWhenTheSecretSaysSslFalse() throws SQLException {
        try (Connection c = ENGINE.connect(secret("false"), ConnectOptions.defaults())) {
            assertEquals(false, sessionUsesTls(c));
        }
    }
}
