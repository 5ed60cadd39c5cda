package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * MySQL, Aurora MySQL and MariaDB, through MySQL Connector/J (the classic protocol serves all three). Which of
 * the two families the server is comes from {@code VERSION()}, not from the secret's {@code engine} name.
 *
 * <p>An account is {@code 'user'@'host'}; the secret names only the user. As the admin, the host is looked up in
 * {@code mysql.user}: exactly one account must have the user name, otherwise the rotation cannot tell which one
 * the application logs in to and refuses (it never creates one, e.g. {@code 'user'@'%'}). As the user itself,
 * the account is the one the login matched ({@code CURRENT_USER()}).
 *
 * <p>How the new password reaches the server, so that the general log, slow log and binary log do not hold it
 * in plaintext where the engine allows that:
 * <ul>
 *   <li>accounts on {@code mysql_native_password} (MariaDB's default, and MySQL's before 8.0): the hash is
 *       computed here and sent instead of the password ({@code IDENTIFIED WITH mysql_native_password AS '*…'}
 *       as the admin, MariaDB's {@code SET PASSWORD = '*…'} as the user itself);</li>
 *   <li>MySQL accounts on other plugins ({@code caching_sha2_password}): {@code ALTER USER … IDENTIFIED BY
 *       '…'}, which MySQL rewrites in its logs (unless started with {@code --log-raw});</li>
 *   <li>MariaDB accounts on other plugins ({@code ed25519}, or several methods joined with {@code OR}):
 *       {@code SET PASSWORD … = PASSWORD('…')}, which keeps the account's plugins; MariaDB logs it as sent.</li>
 * </ul>
 * See docs/mysql.md.
 */
final class MySqlEngine implements DatabaseEngine {

    /** ER_ACCESS_DENIED_ERROR: wrong password (or no such user, which the server does not tell apart). */
    static final int ER_ACCESS_DENIED = 1045;
    static final String NATIVE_PLUGIN = "mysql_native_password";
    /** ER_PLUGIN_IS_NOT_LOADED: e.g. a login to a mysql_native_password account on MySQL 9. */
    static final int ER_PLUGIN_IS_NOT_LOADED = 1524;

    /**
     * Beyond the function's EXCLUDE_CHARACTERS: the characters RDS refuses in its MySQL and MariaDB master
     * passwords ({@code / ' " @}), the backslash (an escape in SQL literals, option files and most shells),
     * {@code #} and {@code ;} (comments in MySQL option files; separators in key-value connection strings), and
     * the backquote (quoting in MySQL and in shells).
     */
    static final String EXCLUDED_CHARACTERS = "/'\"@\\#;`";

    /**
     * 32: the longest password MySQL and MariaDB accept for a replication user
     * (ER_CHANGE_MASTER_PASSWORD_LENGTH), below RDS's 41 for master users; over an alphabet of ~60 characters it
     * still carries more than 180 bits.
     */
    static final int MAX_PASSWORD_LENGTH = 32;

    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    @Override
    public int defaultPort() {
        return 3306;
    }

    @Override
    public String passwordExcludedCharacters() {
        return EXCLUDED_CHARACTERS;
    }

    @Override
    public int maxPasswordLength() {
        return MAX_PASSWORD_LENGTH;
    }

    @Override
    public Connection connect(DbSecret login, ConnectOptions options) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", login.username());
        props.setProperty("password", login.password());
        // The password's bytes at login are the ones nativePasswordHash hashes.
        props.setProperty("passwordCharacterEncoding", "UTF-8");
        props.setProperty("characterEncoding", "UTF-8");
        props.setProperty("connectTimeout", String.valueOf(options.connectTimeout().toMillis()));
        props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_MILLIS));
        props.setProperty("connectionAttributes", "program_name:bluegreen-rotator");
        props.setProperty("allowLoadLocalInfile", "false");
        props.setProperty("allowMultiQueries", "false");
        props.setProperty("autoReconnect", "false");
        String tls = tlsProperties(login, options, props);
        try {
            return DriverManager.getConnection(url(login), props);
        } catch (SQLException e) {
            if (e.getErrorCode() == ER_PLUGIN_IS_NOT_LOADED) {
                // The account's authentication plugin is missing on the server: typically mysql_native_password.
                throw new SQLException("the server cannot log in user " + quote(login.username()) + " at all: "
                        + firstLine(e.getMessage()) + ". An account on " + NATIVE_PLUGIN + " cannot log in to MySQL 9,"
                        + " nor to MySQL 8.4 unless it runs with mysql_native_password=ON; see docs/mysql.md",
                        e.getSQLState(), e.getErrorCode(), e);
            }
            if (login.ssl() && isTlsFailure(e)) {
                throw new SQLException("TLS connection failed (" + tls + "; set \"ssl\": false in the secret only if the"
                        + " database offers no TLS): " + firstLine(e.getMessage()) + rootCause(e), e.getSQLState(),
                        e.getErrorCode(), e);
            }
            throw e;
        }
    }

    /** Sets TLS properties; Connector/J's default (PREFERRED) falls back to plaintext silently, so always say. */
    private static String tlsProperties(DbSecret login, ConnectOptions options, Properties props) throws SQLException {
        if (!login.ssl()) {
            props.setProperty("sslMode", "DISABLED");
            // Without TLS, caching_sha2_password sends the password RSA-encrypted under the server's key, which
            // the driver must be allowed to ask for. The secret has opted out of TLS explicitly.
            props.setProperty("allowPublicKeyRetrieval", "true");
            return "sslMode=DISABLED";
        }
        if (options.caBundle() == null) {
            props.setProperty("sslMode", "REQUIRED");
            return "sslMode=REQUIRED";
        }
        PemTrustStore.Store store;
        try {
            store = PemTrustStore.forBundle(options.caBundle());
        } catch (IOException e) {
            throw new SQLException("cannot use the CA bundle " + options.caBundle() + ": " + e.getMessage(), "08000", e);
        }
        props.setProperty("sslMode", "VERIFY_IDENTITY");
        props.setProperty("trustCertificateKeyStoreUrl", store.url());
        props.setProperty("trustCertificateKeyStoreType", "PKCS12");
        props.setProperty("trustCertificateKeyStorePassword", store.password());
        props.setProperty("fallbackToSystemTrustStore", "false");
        return "sslMode=VERIFY_IDENTITY with CA bundle " + options.caBundle();
    }

    /** The driver's "Communications link failure" hides the handshake's reason in its causes. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == e || root.getMessage() == null ? "" : firstLine(root.getMessage());
        return reason.isEmpty() || reason.equals(firstLine(e.getMessage())) ? "" : " (" + reason + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl).strip();
    }

    private String url(DbSecret login) {
        String host = Hosts.checked(login.host());
        int port = login.port() == 0 ? defaultPort() : login.port();
        String db = login.dbname() == null ? "" : URLEncoder.encode(login.dbname(), StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:mysql://" + host + ":" + port + "/" + db;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Password changes

    @Override
    public void changeOwnPassword(Connection asUser, DbSecret login, String newPassword) throws SQLException {
        ServerSession s = ServerSession.of(asUser);
        String host = s.hostOfCurrentAccount(login.username());
        String sql;
        if (s.mariaDb()) {
            // MariaDB's ALTER USER needs the CREATE USER privilege even for one's own account; SET PASSWORD does not.
            sql = mariaDbUsesNativeOnly(asUser, "CURRENT_USER()", login.username(), host)
                    ? "SET PASSWORD = '" + MySqlSql.nativePasswordHash(newPassword) + "'"
                    : "SET PASSWORD = PASSWORD(" + passwordLiteral(s, newPassword) + ")";
        } else {
            // REPLACE (MySQL 8.0.13+) proves the current password: required by PASSWORD REQUIRE CURRENT and by
            // password_require_current=ON, accepted otherwise. MySQL's logs show it as <secret>, like the new one.
            sql = "ALTER USER CURRENT_USER() IDENTIFIED BY " + passwordLiteral(s, newPassword)
                    + (s.atLeast(8, 0, 13)
                    ? " REPLACE " + MySqlSql.literal(login.password(), s.noBackslashEscapes(), "the current password")
                    : "");
        }
        execute(asUser, sql);
    }

    @Override
    public void changePassword(Connection asAdmin, String username, String newPassword) throws SQLException {
        ServerSession s = ServerSession.of(asAdmin);
        Account account = findAccount(asAdmin, s, username);
        String name = MySqlSql.account(account.user(), account.host());
        boolean nativeOnly = s.mariaDb()
                ? mariaDbUsesNativeOnly(asAdmin, name, account.user(), account.host())
                : NATIVE_PLUGIN.equalsIgnoreCase(account.plugin());
        Optional<SQLException> unusable = nativeAccountTheServerCannotLoad(asAdmin, s, account);
        if (unusable.isPresent()) {
            throw unusable.get();
        }
        String sql;
        if (nativeOnly) {
            sql = "ALTER USER " + name + " IDENTIFIED WITH " + NATIVE_PLUGIN + " AS '"
                    + MySqlSql.nativePasswordHash(newPassword) + "'";
        } else if (s.mariaDb()) {
            // Keeps every authentication method of the account (ALTER USER ... IDENTIFIED BY would replace them).
            sql = "SET PASSWORD FOR " + name + " = PASSWORD(" + passwordLiteral(s, newPassword) + ")";
            try {
                execute(asAdmin, sql);
            } catch (SQLException e) {
                throw new SQLException("cannot set the password of " + account + ", whose account uses another plugin than "
                        + NATIVE_PLUGIN + " alone (MariaDB's SET PASSWORD FOR needs UPDATE on the mysql schema): "
                        + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
            return;
        } else {
            sql = "ALTER USER " + name + " IDENTIFIED BY " + passwordLiteral(s, newPassword);
        }
        execute(asAdmin, sql);
    }

    @Override
    public Optional<String> whyAdminCannotChangePassword(Connection asAdmin, String username) throws SQLException {
        ServerSession s = ServerSession.of(asAdmin);
        Account account;
        try {
            account = findAccount(asAdmin, s, username);
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
        Optional<SQLException> unusable = nativeAccountTheServerCannotLoad(asAdmin, s, account);
        if (unusable.isPresent()) {
            return Optional.of(unusable.get().getMessage());
        }
        // The statement changePassword will choose: MariaDB's SET PASSWORD FOR (unless the account is on the native
        // plugin alone) needs UPDATE on the mysql schema; ALTER USER needs CREATE USER or that UPDATE. Privileges that
        // come through an active role do not show here: then nothing is claimed.
        boolean setPasswordFor = s.mariaDb()
                && !mariaDbUsesNativeOnly(asAdmin, MySqlSql.account(account.user(), account.host()), account.user(), account.host());
        String sql = "SELECT"
                + " (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = g.grantee AND PRIVILEGE_TYPE = 'CREATE USER'),"
                + " (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = g.grantee AND PRIVILEGE_TYPE = 'UPDATE')"
                + " + (SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = g.grantee"
                + "   AND TABLE_SCHEMA = 'mysql' AND PRIVILEGE_TYPE = 'UPDATE'),"
                + " COALESCE(CURRENT_ROLE(), 'NONE'), CURRENT_USER()"
                + " FROM (SELECT CONCAT('''', SUBSTRING(CURRENT_USER(), 1, CHAR_LENGTH(CURRENT_USER())"
                + "   - CHAR_LENGTH(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)) - 1), '''@''',"
                + "   SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''') AS grantee) g";
        try (PreparedStatement ps = asAdmin.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            boolean createUser = rs.getInt(1) > 0;
            boolean updateMysql = rs.getInt(2) > 0;
            if (!"NONE".equalsIgnoreCase(rs.getString(3)) || updateMysql || (createUser && !setPasswordFor)) {
                return Optional.empty();
            }
            String admin = "admin " + rs.getString(4);
            return Optional.of(setPasswordFor
                    ? admin + " has no UPDATE on the mysql schema, which MariaDB's SET PASSWORD FOR needs to change "
                    + account + " (an account not on " + NATIVE_PLUGIN + " alone, or one whose definition it cannot read)"
                    : admin + " has neither the global CREATE USER privilege nor UPDATE on the mysql schema:"
                    + " it may not change other accounts' passwords");
        }
    }

    /** One row of mysql.user. */
    record Account(String user, String host, String plugin) {
        @Override
        public String toString() {
            return quote(user) + "@" + quote(host);
        }
    }

    /**
     * The one account named {@code username}.
     *
     * @throws SQLException when there is none, or several (the rotation cannot tell which the application uses)
     */
    static Account findAccount(Connection admin, ServerSession s, String username) throws SQLException {
        String sql = "SELECT User, Host, plugin FROM mysql.user WHERE User = ?" + (s.mariaDb() ? " AND is_role = 'N'" : "");
        List<Account> accounts = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // The column compares with PAD SPACE: keep exact matches only.
                    if (username.equals(rs.getString(1))) {
                        accounts.add(new Account(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new SQLException("cannot read mysql.user to find the host part of the account of " + quote(username)
                    + " (the admin needs SELECT on mysql.user): " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        if (accounts.isEmpty()) {
            throw new SQLException("no account with user name " + quote(username) + " exists on this server;"
                    + " the rotation changes passwords, it does not create accounts", "HY000");
        }
        if (accounts.size() > 1) {
            accounts.sort((a, b) -> a.host().compareTo(b.host()));
            throw new SQLException("user name " + quote(username) + " has " + accounts.size() + " accounts " + accounts
                    + ": cannot tell which one the application logs in to, so none was changed; keep one account per"
                    + " user name for a rotated user", "HY000");
        }
        return accounts.get(0);
    }

    /**
     * The refusal for a MySQL account on {@code mysql_native_password} where the server has not loaded that plugin
     * (off by default in MySQL 8.4, gone in 9.0); empty for every other account.
     */
    private static Optional<SQLException> nativeAccountTheServerCannotLoad(Connection c, ServerSession s, Account account)
            throws SQLException {
        return !s.mariaDb() && NATIVE_PLUGIN.equalsIgnoreCase(account.plugin()) && !nativePluginActive(c)
                ? Optional.of(nativePluginNotLoaded(account, s.version()))
                : Optional.empty();
    }

    private static boolean nativePluginActive(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = ?")) {
            ps.setString(1, NATIVE_PLUGIN);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "ACTIVE".equalsIgnoreCase(rs.getString(1));
            }
        }
    }

    /**
     * The refusal for an account on {@code mysql_native_password} where the server has not loaded that plugin: the
     * account cannot log in at all, and moving it to another plugin is a decision about the application's driver
     * that a password rotation does not take on its own (see docs/mysql.md).
     */
    private static SQLException nativePluginNotLoaded(Account account, String version) {
        return new SQLException("account " + account + " uses " + NATIVE_PLUGIN + ", which this server (MySQL "
                + version + ") has not loaded (MySQL 8.4 turns it off by default, MySQL 9 removed it), so the account cannot log"
                + " in; the rotation changed nothing. Move the account to caching_sha2_password once (ALTER USER "
                + account + " IDENTIFIED WITH caching_sha2_password BY '...', after checking that the application's"
                + " driver supports it), or on MySQL 8.4 start the server with mysql_native_password=ON",
                "HY000", ER_PLUGIN_IS_NOT_LOADED);
    }

    /**
     * MariaDB: true when the account authenticates by {@code mysql_native_password} alone (or has no password),
     * read from {@code SHOW CREATE USER}. Anything else, or output that does not start with the account name as
     * MariaDB writes it, counts as not native: the caller then uses the statement that works for every plugin.
     */
    static boolean mariaDbUsesNativeOnly(Connection c, String accountExpression, String user, String host) throws SQLException {
        String text;
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            try (ResultSet rs = st.executeQuery("SHOW CREATE USER " + accountExpression)) {
                if (!rs.next()) {
                    return false;
                }
                text = rs.getString(1);
            }
        } catch (SQLException e) {
            return false;
        }
        return describesNativeOnly(text, user, host);
    }

    /** The parsing half of {@link #mariaDbUsesNativeOnly}, apart so that it can be tested on its own. */
    static boolean describesNativeOnly(String showCreateUser, String user, String host) {
        String prefix = "CREATE USER " + MySqlSql.account(user, host);
        if (showCreateUser == null || !showCreateUser.startsWith(prefix)) {
            return false;
        }
        String rest = showCreateUser.substring(prefix.length());
        if (!rest.startsWith(" IDENTIFIED ")) {
            // No authentication clause: an account without a password, on the default (native) plugin.
            return !rest.contains("IDENTIFIED");
        }
        if (rest.contains(" OR ")) {
            return false;
        }
        return rest.startsWith(" IDENTIFIED BY PASSWORD '*")
                || rest.startsWith(" IDENTIFIED VIA " + NATIVE_PLUGIN + " ")
                || rest.startsWith(" IDENTIFIED VIA " + NATIVE_PLUGIN + "\n");
    }

    private static String passwordLiteral(ServerSession s, String password) {
        return MySqlSql.literal(password, s.noBackslashEscapes(), "the new password");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            // No JDBC escape processing: the driver must not rewrite anything inside the literals.
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sessions and login checks

    @Override
    public List<LiveSession> liveSessions(Connection session, String username) throws SQLException {
        // Without the PROCESS privilege a user sees only its own threads (in either view): what self-service needs.
        Map<String, Integer> byClient = new TreeMap<>();
        try (PreparedStatement ps = session.prepareStatement(processlistQuery(session))) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // The column's collation ignores case: keep exact matches only.
                    if (username.equals(rs.getString(1))) {
                        byClient.merge(MySqlSql.clientHost(rs.getString(2)), 1, Integer::sum);
                    }
                }
            }
        }
        List<LiveSession> sessions = new ArrayList<>();
        byClient.forEach((client, count) -> sessions.add(new LiveSession(client, count)));
        return sessions;
    }

    /**
     * MySQL 8.0.22+ has {@code performance_schema.processlist} and deprecates {@code information_schema.PROCESSLIST}
     * (warning 1287). The former is empty, not missing, when the server runs with {@code performance_schema=OFF},
     * so it is used only where it lists this very session; MariaDB, MySQL 5.7 and early 8.0 get the
     * information_schema view.
     */
    static String processlistQuery(Connection session) throws SQLException {
        String performanceSchema = "SELECT USER, HOST FROM performance_schema.processlist WHERE USER = ? AND ID <> CONNECTION_ID()";
        ServerSession s = ServerSession.of(session);
        if (!s.mariaDb() && s.atLeast(8, 0, 22)) {
            try (Statement st = session.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM performance_schema.processlist WHERE ID = CONNECTION_ID()")) {
                if (rs.next() && rs.getInt(1) == 1) {
                    return performanceSchema;
                }
            } catch (SQLException unavailable) {
                // no such table or no access to it: the older view still answers
            }
        }
        return "SELECT USER, HOST FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()";
    }

    @Override
    public void verifyLogin(Connection session, String username) throws SQLException {
        ServerSession s = ServerSession.of(session);
        s.hostOfCurrentAccount(username);
    }

    /** MySQL's limit for the user part of an account (MariaDB's, 80, is wider): longer names are refused. */
    static final int MAX_USER_NAME_CHARS = 32;

    @Override
    public Optional<String> userNameProblem(String username) {
        return UserNames.problem(username, 0, MAX_USER_NAME_CHARS);
    }

    @Override
    public List<String> unsafeToRotate(Connection session, String username) throws SQLException {
        return MySqlRoleSafety.problems(session, username);
    }

    @Override
    public boolean isWrongPassword(SQLException e) {
        return e.getErrorCode() == ER_ACCESS_DENIED || "28000".equals(e.getSQLState());
    }

    /** What the server says about the session: one round trip before each change. */
    record ServerSession(String version, boolean mariaDb, boolean noBackslashEscapes, String currentUser) {

        static ServerSession of(Connection c) throws SQLException {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT VERSION(), @@SESSION.sql_mode, CURRENT_USER(), NOW()")) {
                if (!rs.next()) {
                    throw new SQLException("SELECT VERSION() returned no row", "HY000");
                }
                String version = rs.getString(1);
                return new ServerSession(version, version != null && version.toLowerCase(Locale.ROOT).contains("mariadb"),
                        MySqlSql.noBackslashEscapes(rs.getString(2)), rs.getString(3));
            }
        }

        /** Whether the server's version is at least {@code major.minor.patch} (MySQL's numbering; MariaDB has its own). */
        boolean atLeast(int major, int minor, int patch) {
            return MySqlSql.compareVersions(version, major, minor, patch) >= 0;
        }

        /**
         * The host part of the account this session was matched to, checking that its user part is
         * {@code username}: a login can match an anonymous account ({@code ''@'host'}), whose password must
         * never be what the rotation changes.
         */
        String hostOfCurrentAccount(String username) throws SQLException {
            String prefix = username + "@";
            if (currentUser == null || !currentUser.startsWith(prefix)) {
                throw new SQLException("logged in, but as account " + quote(currentUser) + " rather than one of user "
                        + quote(username) + " (an anonymous or proxy account matched the login)", "HY000");
            }
            return currentUser.substring(prefix.length());
        }
    }
}
