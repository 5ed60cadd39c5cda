package org.bluegreen.rotator.engine;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySqlEngine against a real server that checks passwords: the tests here hold for MySQL and MariaDB alike and run
 * on both ({@link MySqlEngineOnMySqlTest}, {@link MySqlEngineOnMariaDbTest}, which add what is about one engine).
 * Every user and database made here has a unique name and is dropped after each test.
 */
abstract class MySqlEngineTest {

    /** Passwords full of what SQL literals, shells and escaping get wrong. */
    static final String[] HOSTILE_PASSWORDS = {
            "it's \"quoted\"",
            "back\\slash\\",
            "\\' OR 1=1; DROP USER root@localhost; -- ",
            "''\\\\''\\'\\\"",
            "{fn now()} ? %s %_ `tick`",
            "pässwörd-€-漢字",
    };

    /** User names full of quoting characters, each at most 32 characters (MySQL's limit). */
    static final String[] HOSTILE_NAMES = {"o'neil", "back\\slash", "tick`tick", "dq\"dq", "at@sign", "a' OR '1'='1"};

    final MySqlEngine engine = new MySqlEngine();
    final ConnectOptions options = ConnectOptions.defaults();
    MariaDbServer server;

    /** A new administration scope on the server these tests are about. */
    abstract MariaDbServer newServer();

    /** What the server's general log shows of the admin's password change (never the password itself). */
    abstract String loggedAdminChange(String newPassword);

    /** What the server's general log shows of a user's change of its own password (never a password). */
    abstract String loggedSelfChange(String newPassword);

    /** A user whose new password the engine sends as a string literal (not as a hash computed here). */
    abstract String userWhosePasswordGoesAsALiteral(String password) throws SQLException;

    @BeforeEach
    void server() {
        server = newServer();
    }

    @AfterEach
    void dropEverythingMadeHere() throws SQLException {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------------------------------ registration

    @Test
    void servesTheThreeMySqlFamilyEngineNames() {
        DatabaseEngine mysql = Engines.forName("mysql");
        assertInstanceOf(MySqlEngine.class, mysql);
        assertSame(mysql, Engines.forName("mariadb"));
        assertSame(mysql, Engines.forName("aurora-mysql"));
        assertSame(mysql, Engines.forName("MariaDB"));
        assertEquals(3306, mysql.defaultPort());
        assertEquals(32, mysql.maxPasswordLength());
        for (char c : "/'\"@\\#;`".toCharArray()) {
            assertTrue(mysql.passwordExcludedCharacters().indexOf(c) >= 0, "excludes " + c);
        }
    }

    // ------------------------------------------------------------------------------------------ changing passwords

    @Test
    void adminChangesThePassword_oldRejectedNewAccepted_noPlaintextInTheGeneralLog() throws Exception {
        String user = appUser("old-" + UUID.randomUUID());
        String admin = admin();
        String sentinel = appUser("sentinel-pw");
        String newPassword = "new-" + UUID.randomUUID();
        server.enableGeneralLog();

        try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
            engine.changePassword(c, user, newPassword);
        }

        assertRejected(user, "old");
        assertLogsIn(user, newPassword);
        assertLogsIn(sentinel, "sentinel-pw");
        String log = server.generalLog();
        assertTrue(log.contains(loggedAdminChange(newPassword)), "the general log shows the change:\n" + log);
        assertFalse(log.contains(newPassword), "the new password reached the general log in plaintext");
    }

    @Test
    void userChangesItsOwnPassword_oldRejectedNewAccepted_noPlaintextInTheGeneralLog() throws Exception {
        String oldPassword = "old-" + UUID.randomUUID();
        String user = appUser(oldPassword);
        String newPassword = "new-" + UUID.randomUUID();
        server.enableGeneralLog();

        try (Connection c = engine.connect(login(user, oldPassword), options)) {
            engine.changeOwnPassword(c, login(user, oldPassword), newPassword);
        }

        assertRejected(user, oldPassword);
        assertLogsIn(user, newPassword);
        String log = server.generalLog();
        assertTrue(log.contains(loggedSelfChange(newPassword)), "the general log shows the change:\n" + log);
        assertFalse(log.contains(newPassword), "the new password reached the general log in plaintext");
        assertFalse(log.contains(oldPassword), "the current password reached the general log in plaintext");
    }

    /** The server's default plugin: MariaDB's native hash, computed here; MySQL's caching_sha2, sent as a literal. */
    @ParameterizedTest
    @ValueSource(strings = {"admin", "self"})
    void hostilePasswordsWork_defaultPlugin(String mode) throws Exception {
        String admin = mode.equals("admin") ? admin() : null;
        for (String hostile : HOSTILE_PASSWORDS) {
            String user = appUser("old-pw");
            change(mode, admin, user, "old-pw", hostile, false);
            assertRejected(user, "old-pw");
            assertLogsIn(user, hostile);
        }
    }

    /**
     * Passwords sent as string literals: quoting is exercised for real, in the default sql_mode and with
     * {@code NO_BACKSLASH_ESCAPES}, where a backslash is no escape character.
     */
    @ParameterizedTest
    @ValueSource(strings = {"admin", "self", "admin NO_BACKSLASH_ESCAPES", "self NO_BACKSLASH_ESCAPES"})
    void hostilePasswordsWork_asStringLiteralsInEitherSqlMode(String variant) throws Exception {
        String mode = variant.split(" ")[0];
        boolean noBackslashEscapes = variant.contains("NO_BACKSLASH_ESCAPES");
        String admin = mode.equals("admin") ? admin() : null;
        String sentinel = appUser("sentinel-pw");
        for (String hostile : HOSTILE_PASSWORDS) {
            String user = userWhosePasswordGoesAsALiteral("old-pw");
            change(mode, admin, user, "old-pw", hostile, noBackslashEscapes);
            assertRejected(user, "old-pw");
            assertLogsIn(user, hostile);
        }
        assertLogsIn(sentinel, "sentinel-pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "self"})
    void hostileUserNamesWorkWithoutInjection(String mode) throws Exception {
        String admin = mode.equals("admin") ? admin() : null;
        String sentinel = appUser("sentinel-pw");
        server.enableGeneralLog();
        for (String name : HOSTILE_NAMES) {
            String user = name + "_" + UUID.randomUUID().toString().substring(0, 8);
            server.createUser(user, "%", "old-pw");
            String newPassword = "new-" + UUID.randomUUID();
            change(mode, admin, user, "old-pw", newPassword, false);
            assertRejected(user, "old-pw");
            assertLogsIn(user, newPassword);
            // MariaDB: the account was recognised as native even with quotes in its name, so only the hash was sent.
            assertFalse(server.generalLog().contains(newPassword), "plaintext in the general log for " + user);
        }
        assertLogsIn(sentinel, "sentinel-pw");
        assertLogsIn(admin == null ? sentinel : admin, admin == null ? "sentinel-pw" : "admin-pw");
    }

    @Test
    void controlCharactersInAPasswordFailCleanly() throws Exception {
        String user = userWhosePasswordGoesAsALiteral("old-pw");
        try (Connection c = engine.connect(login(user, "old-pw"), options)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> engine.changeOwnPassword(c, login(user, "old-pw"), "nul\0byte-secret"));
            assertFalse(e.getMessage().contains("secret"), "the message does not show the value");
        }
        assertLogsIn(user, "old-pw");
    }

    /** The quoting itself, checked by the server: each literal reads back as the original, in both modes. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void literalsAndIdentifiersReadBackUnchanged(boolean noBackslashEscapes) throws Exception {
        String user = appUser("pw-1");
        try (Connection c = engine.connect(login(user, "pw-1"), options); Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            if (noBackslashEscapes) {
                s.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
            }
            assertEquals(noBackslashEscapes, MySqlServerSession.of(c).noBackslashEscapes());
            List<String> values = new ArrayList<>(List.of(HOSTILE_PASSWORDS));
            values.addAll(List.of(HOSTILE_NAMES));
            for (String v : values) {
                try (ResultSet rs = s.executeQuery("SELECT " + MySqlSql.literal(v, noBackslashEscapes, "value") + " AS "
                        + MySqlSql.ident(v))) {
                    rs.next();
                    assertEquals(v, rs.getString(1));
                    assertEquals(v, rs.getMetaData().getColumnLabel(1));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the account's host

    @Test
    void adminChangesTheAccountThatExists_andCreatesNoOther() throws Exception {
        String user = DbNames.unique("only_local");
        server.createUser(user, "127.0.0.1", "old-pw");
        String admin = admin();

        try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
            engine.changePassword(c, user, "new-pw-1");
        }

        assertLogsIn(user, "new-pw-1");
        assertEquals(List.of("127.0.0.1"), hostsOf(user), "no 'user'@'%' was created beside the real account");
    }

    @Test
    void severalAccountsWithTheUserNameAreRefusedAndNothingChanges() throws Exception {
        String user = DbNames.unique("twice");
        server.createUser(user, "%", "old-pw");
        server.createUser(user, "10.0.%", "other-pw");
        String admin = admin();

        try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
            EngineRefusal e = assertThrows(EngineRefusal.class, () -> engine.changePassword(c, user, "new-pw"));
            assertEquals(EngineRefusal.Reason.AMBIGUOUS_ACCOUNT, e.reason());
            assertFalse(engine.isWrongPassword(e));
        }
        assertLogsIn(user, "old-pw");
        assertEquals(List.of("%", "10.0.%"), hostsOf(user));
    }

    @Test
    void anUnknownUserIsReportedAndNotCreated() throws Exception {
        String user = DbNames.unique("ghost");
        String admin = admin();
        try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
            EngineRefusal e = assertThrows(EngineRefusal.class, () -> engine.changePassword(c, user, "new-pw"));
            assertEquals(EngineRefusal.Reason.NO_SUCH_ACCOUNT, e.reason());
        }
        assertEquals(List.of(), hostsOf(user));
    }

    @Test
    void anAdminThatCannotReadTheGrantTablesIsToldWhatItLacks() throws Exception {
        String user = appUser("old-pw");
        String admin = DbNames.unique("weak_admin");
        server.createUser(admin, "%", "admin-pw");
        server.grantGlobal("CREATE USER", admin, "%", false);
        try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
            SQLException e = assertThrows(SQLException.class, () -> engine.changePassword(c, user, "new-pw"));
            assertTrue(e.getMessage().contains("cannot read mysql.user to find the host part of the account of '" + user + "'"),
                    e.getMessage());
        }
        assertLogsIn(user, "old-pw");
    }

    @Test
    void selfServiceChangesTheAccountTheLoginMatched() throws Exception {
        String user = DbNames.unique("self_local");
        server.createUser(user, "127.0.0.1", "old-pw");
        try (Connection c = engine.connect(login(user, "old-pw"), options)) {
            engine.verifyLogin(c, user);
            engine.changeOwnPassword(c, login(user, "old-pw"), "new-pw-2");
        }
        assertLogsIn(user, "new-pw-2");
        assertEquals(List.of("127.0.0.1"), hostsOf(user));
    }

    @Test
    void aLoginMatchedToAnotherAccountIsNeverChanged() {
        MySqlServerSession anonymous = new MySqlServerSession("10.11", true, false, "@%");
        EngineRefusal e = assertThrows(EngineRefusal.class, () -> anonymous.hostOfCurrentAccount("app"));
        assertEquals(EngineRefusal.Reason.OTHER_ACCOUNT_MATCHED, e.reason());

        MySqlServerSession withAt = new MySqlServerSession("8.0", false, false, "a@b@10.0.%");
        assertDoesNotThrowSql(() -> assertEquals("10.0.%", withAt.hostOfCurrentAccount("a@b")));
    }

    // ------------------------------------------------------------------------------------------ sessions and logins

    /**
     * A client on 127.0.0.1 shows as {@code 127.0.0.1} where the server skips name resolution and as
     * {@code localhost} where it does not: the expected host is what the server says of the test's own session.
     */
    @Test
    void liveSessionsAreCountedPerClientHost_withoutOurOwn() throws Exception {
        String user = appUser("pw-1");
        String admin = admin();
        String lookalike = user.toUpperCase();
        server.createUser(lookalike, "%", "pw-2");
        String loopback = loopbackClientHost(server);
        try (Connection a = server.connect(user, "pw-1", null); Connection b = server.connect(user, "pw-1", null);
             Connection other = server.connect(lookalike, "pw-2", null)) {
            try (Connection c = engine.connect(login(admin, "admin-pw"), options)) {
                assertEquals(List.of(new LiveSession(loopback, 2)), engine.liveSessions(c, user), "as the admin");
            }
            try (Connection c = engine.connect(login(user, "pw-1"), options)) {
                assertEquals(List.of(new LiveSession(loopback, 2)), engine.liveSessions(c, user),
                        "as the user itself, its own session not counted");
            }
        }
        try (Connection c = engine.connect(login(user, "pw-1"), options)) {
            waitUntil(() -> engine.liveSessions(c, user).isEmpty());
            assertEquals(List.of(), engine.liveSessions(c, user));
        }
    }

    @Test
    void aWrongPasswordIsToldApartFromAnUnreachableServer() throws Exception {
        String user = appUser("right-pw");
        SQLException wrong = assertThrows(SQLException.class, () -> engine.connect(login(user, "wrong-pw"), options));
        assertTrue(engine.isWrongPassword(wrong), wrong.getErrorCode() + " " + wrong.getSQLState());

        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DbSecret nowhere = secret(Map.of("username", user, "password", "right-pw", "port", closedPort, "ssl", false));
        long start = System.nanoTime();
        SQLException unreachable = assertThrows(SQLException.class,
                () -> engine.connect(nowhere, new ConnectOptions(null, Duration.ofSeconds(2))));
        assertFalse(engine.isWrongPassword(unreachable));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the connect timeout is short");
    }

    @Test
    void connectsToTheSecretsDatabase_evenWithAnOddName() throws Exception {
        String db = server.createDatabase("odd db?#&/'" + DbNames.unique("x"));
        String user = appUser("pw-1");
        server.grantAllOn(db, user, "%");
        try (Connection c = engine.connect(secret(Map.of("username", user, "password", "pw-1", "dbname", db, "ssl", false)), options);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            assertEquals(db, rs.getString(1));
            engine.verifyLogin(c, user);
        }
    }

    @Test
    void verifyLoginRunsAQueryAndChecksTheAccount() throws Exception {
        String user = appUser("pw-1");
        try (Connection c = engine.connect(login(user, "pw-1"), options)) {
            engine.verifyLogin(c, user);
            EngineRefusal e = assertThrows(EngineRefusal.class, () -> engine.verifyLogin(c, user + "x"));
            assertEquals(EngineRefusal.Reason.OTHER_ACCOUNT_MATCHED, e.reason());
        }
    }

    // ------------------------------------------------------------------------------------------ TLS

    @Test
    void tlsIsRequiredUnlessTheSecretSaysOtherwise() throws Exception {
        String user = appUser("pw-1");
        DbSecret withTls = secret(Map.of("username", user, "password", "pw-1"));
        assertTrue(withTls.ssl(), "TLS is on by default");
        if (serverHasTls()) {
            try (Connection c = engine.connect(withTls, options); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
                assertTrue(rs.next() && !rs.getString(2).isEmpty(), "the session is encrypted");
            }
        } else {
            SQLException e = assertThrows(SQLException.class, () -> engine.connect(withTls, options));
            assertTrue(e.getMessage().startsWith("TLS connection failed (sslMode=REQUIRED;"), e.getMessage());
            assertFalse(engine.isWrongPassword(e), "not mistaken for a wrong password");
        }
        try (Connection c = engine.connect(login(user, "pw-1"), options); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertTrue(rs.next() && rs.getString(2).isEmpty(), "\"ssl\": false means no TLS");
        }
    }

    @Test
    void aCaBundleMeansVerifyIdentity(@TempDir Path dir) throws Exception {
        Path bundle = pemCertificate(dir);
        String user = appUser("pw-1");
        DbSecret withTls = secret(Map.of("username", user, "password", "pw-1"));
        ConnectOptions verifying = options.withCaBundle(bundle);
        // Our throw-away CA signed no server certificate: verification fails, with or without TLS on the server.
        SQLException e = assertThrows(SQLException.class, () -> engine.connect(withTls, verifying));
        assertTrue(e.getMessage().startsWith("TLS connection failed (sslMode=VERIFY_IDENTITY with CA bundle " + bundle),
                e.getMessage());
        assertFalse(engine.isWrongPassword(e));
    }

    @Test
    void pemBundlesBecomeTrustStores(@TempDir Path dir) throws Exception {
        Path bundle = pemCertificate(dir);
        Path twice = dir.resolve("two.pem");
        Files.writeString(twice, Files.readString(bundle) + "\n" + Files.readString(bundle));
        PemTrustStore.Store store = PemTrustStore.forBundle(twice);
        assertEquals(2, store.certificates());
        assertTrue(Files.isReadable(store.file()));
        assertSame(store, PemTrustStore.forBundle(twice), "made once per bundle");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store.file())) {
            ks.load(in, store.password().toCharArray());
        }
        assertEquals(2, ks.size());

        Path notPem = dir.resolve("not.pem");
        Files.writeString(notPem, "hello");
        assertThrows(IOException.class, () -> PemTrustStore.forBundle(notPem));
        DbSecret withTls = secret(Map.of("username", "x", "password", "y"));
        SQLException e = assertThrows(SQLException.class, () -> engine.connect(withTls, options.withCaBundle(notPem)));
        assertTrue(e.getMessage().startsWith("cannot use the CA bundle " + notPem), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** mode "admin": as {@code admin} (password admin-pw); "self": as the user with its old password. */
    void change(String mode, String admin, String user, String oldPassword, String newPassword,
                        boolean noBackslashEscapes) throws SQLException {
        DbSecret who = mode.equals("admin") ? login(admin, "admin-pw") : login(user, oldPassword);
        try (Connection c = engine.connect(who, options)) {
            if (noBackslashEscapes) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
                }
            }
            if (mode.equals("admin")) {
                engine.changePassword(c, user, newPassword);
            } else {
                engine.changeOwnPassword(c, who, newPassword);
            }
        }
    }

    String appUser(String password) throws SQLException {
        return server.createUser(DbNames.unique("app"), "%", password);
    }

    /**
     * A dedicated rotation admin with exactly the grants docs/mysql.md lists: read the grant tables, change
     * users (UPDATE on mysql for MariaDB's SET PASSWORD FOR), see every session. (RDS's master user has more.)
     */
    String admin() throws SQLException {
        String admin = server.createUser(DbNames.unique("admin"), "%", "admin-pw");
        server.grantGlobal("CREATE USER, PROCESS", admin, "%", false);
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT SELECT, UPDATE ON mysql.* TO " + MySqlSql.account(admin, "%"));
        }
        return admin;
    }

    DbSecret login(String user, String password) {
        return secret(Map.of("username", user, "password", password, "ssl", false));
    }

    DbSecret secret(Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("engine", server.isMariaDb() ? "mariadb" : "mysql");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        m.put("host", server.host());
        m.put("port", server.port());
        m.putAll(fields);
        try {
            return DbSecret.parse(JSON.std.asString(m), "test secret");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void assertLogsIn(String user, String password) throws SQLException {
        try (Connection c = server.connect(user, password, null)) {
            assertTrue(c.isValid(5));
        }
    }

    void assertRejected(String user, String password) {
        SQLException e = assertThrows(SQLException.class, () -> server.connect(user, password, null).close(),
                "the old password of " + user + " must be rejected");
        // 1045, or 1698 for an account that could also have used another plugin; SQLState 28000 for both
        assertTrue(engine.isWrongPassword(e), e.getErrorCode() + " " + e.getSQLState() + " " + e.getMessage());
    }

    List<String> hostsOf(String user) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (Connection c = server.adminConnection();
             PreparedStatement ps = c.prepareStatement("SELECT Host FROM mysql.user WHERE User = ? ORDER BY Host")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
            }
        }
        return hosts;
    }

    boolean serverHasTls() throws SQLException {
        return server.speaksTls();
    }

    /** The client host the server shows for a session from this machine (without the port). */
    static String loopbackClientHost(MariaDbServer server) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")) {
            rs.next();
            return MySqlSql.clientHost(rs.getString(1));
        }
    }

    /** A self-signed CA certificate in PEM, made with the JDK's keytool. */
    private static Path pemCertificate(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        run(keytool.toString(), "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=bluegreen test CA", "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(),
                "-storepass", "changeit", "-file", pem.toString());
        return pem;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    interface SqlCheck {
        boolean holds() throws SQLException;
    }

    static void waitUntil(SqlCheck check) throws Exception {
        for (int i = 0; i < 50 && !check.holds(); i++) {
            Thread.sleep(100);
        }
    }

    private interface SqlRunnable {
        void run() throws SQLException;
    }

    private static void assertDoesNotThrowSql(SqlRunnable r) {
        try {
            r.run();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
