package org.bluegreen.rotator.engine;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PrivateMySqlServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS end to end, against a private MariaDB that has it (the machine's MariaDB does not): the default
 * {@code REQUIRED}, {@code VERIFY_IDENTITY} with the CA bundle turned into a trust store, and a password change
 * over a verified connection.
 */
class MySqlEngineTlsTest {

    private static PrivateMySqlServer db;
    private final MySqlEngine engine = new MySqlEngine();

    @BeforeAll
    static void start() {
        db = PrivateMySqlServer.mariaDb(true);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void tlsByDefault_isEncrypted() throws Exception {
        String user = db.server().createUser(DbNames.unique("tls"), "%", "pw-1");
        try (Connection c = engine.connect(secret(user, "pw-1", "127.0.0.1"), ConnectOptions.defaults())) {
            assertTrue(!cipher(c).isEmpty(), "sslMode=REQUIRED gives an encrypted session");
        }
    }

    @Test
    void aCaBundleVerifiesTheServer_andThePasswordChangesOverIt() throws Exception {
        String user = db.server().createUser(DbNames.unique("tls"), "%", "pw-1");
        ConnectOptions verifying = ConnectOptions.defaults().withCaBundle(db.caCertificate());
        try (Connection c = engine.connect(secret(user, "pw-1", "127.0.0.1"), verifying)) {
            assertFalse(cipher(c).isEmpty());
            engine.changeOwnPassword(c, secret(user, "pw-1", "127.0.0.1"), "pw-2");
        }
        try (Connection c = engine.connect(secret(user, "pw-2", "localhost"), verifying)) {
            assertFalse(cipher(c).isEmpty(), "the certificate names localhost too");
        }
        SQLException e = assertThrows(SQLException.class, () -> engine.connect(secret(user, "pw-1", "127.0.0.1"), verifying));
        assertTrue(engine.isWrongPassword(e), "the old password is rejected over TLS: " + e.getMessage());
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused(@TempDir Path dir) throws Exception {
        String user = db.server().createUser(DbNames.unique("tls"), "%", "pw-1");
        Path otherCa = dir.resolve("other.pem");
        // Any real CA bundle that did not sign the throw-away certificate: the JDK's own trust anchors.
        Files.writeString(otherCa, pemOfJdkCaCertificate());
        SQLException e = assertThrows(SQLException.class,
                () -> engine.connect(secret(user, "pw-1", "127.0.0.1"), ConnectOptions.defaults().withCaBundle(otherCa)));
        assertTrue(e.getMessage().startsWith("TLS connection failed (sslMode=VERIFY_IDENTITY with CA bundle " + otherCa),
                e.getMessage());
        assertTrue(e.getMessage().contains("trust anchor") || e.getMessage().contains("certif") || e.getMessage().contains("PKIX"),
                "says why: " + e.getMessage());
        assertFalse(engine.isWrongPassword(e));
    }

    private static String cipher(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            return rs.next() ? rs.getString(2) : "";
        }
    }

    private static DbSecret secret(String user, String password, String host) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "mariadb");
        m.put("host", host);
        m.put("port", db.port());
        m.put("username", user);
        m.put("password", password);
        return DbSecret.parse(JSON.std.asString(m), "test secret");
    }

    private static String pemOfJdkCaCertificate() throws Exception {
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init((java.security.KeyStore) null);
        javax.net.ssl.X509TrustManager tm = (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
        byte[] der = tm.getAcceptedIssuers()[0].getEncoded();
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
