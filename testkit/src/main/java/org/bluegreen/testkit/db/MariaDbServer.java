package org.bluegreen.testkit.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Administration of a MySQL-family server (MySQL or MariaDB) for tests, with test-scoped users and databases:
 * everything made or {@code track}ed through one instance is dropped by {@link #close()}. Which server: see
 * {@link TestServers} ({@link #fromEnvironment()} is a scope on {@link TestServers#mysqlFamily()}: the server
 * {@code MYSQL_HOST}/{@code MYSQL_PORT} name, else a private MariaDB; never the machine's own on 3306 by default).
 *
 * <p>The admin talks to the server over TCP through MySQL Connector/J, the rotator's driver. If the server
 * cannot be reached, {@link #at} throws with a message that says so: tests fail, they do not skip.
 *
 * <p>On MariaDB, passwords of users made here are sent as {@code mysql_native_password} hashes computed in
 * this JVM ({@code IDENTIFIED BY PASSWORD '*…'}), never as plaintext: MariaDB's general log records statements
 * verbatim, {@code IDENTIFIED BY 'plaintext'} included. MySQL 8 and later no longer take that form; there the
 * password goes as {@code IDENTIFIED BY '…'} (the server's default plugin), which MySQL rewrites in its logs.
 * {@link #enableGeneralLog()} turns that log on (to the {@code mysql.general_log} table) so that a test can
 * check the same of the code under test.
 *
 * <p>Connections made here ask for TLS only when the instance was made with
 * {@link #at(String, int, String, String, boolean) tls} true; {@link #speaksTls()} tells whether the server could.
 */
public final class MariaDbServer implements AutoCloseable {

    /** JVM-wide, so that two instances that both enabled the general log restore it only once. */
    private static final Object GENERAL_LOG_LOCK = new Object();
    private static int generalLogUsers;
    private static String savedGeneralLog;
    private static String savedLogOutput;

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    private final boolean tls;
    private final Set<String> databases = new LinkedHashSet<>();
    private final Set<Account> users = new LinkedHashSet<>();
    private String generalLogMark;
    private Boolean mariaDb;
    private boolean closed;

    private record Account(String name, String host) {
    }

    private MariaDbServer(String host, int port, String adminUser, String adminPassword, boolean tls) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.tls = tls;
    }

    /**
     * A new scope on the tests' MySQL-family server ({@link TestServers#mysqlFamily()}): the one {@code MYSQL_HOST},
     * {@code MYSQL_PORT}, {@code MYSQL_ADMIN_USER}, {@code MYSQL_ADMIN_PASSWORD} name when either of the first two is
     * set, else the JVM's private MariaDB.
     */
    public static MariaDbServer fromEnvironment() {
        return TestServers.mysqlFamily().newScope();
    }

    /**
     * A server at the given address, administered as {@code adminUser}. Checks the admin login at once.
     *
     * @throws IllegalStateException if the server cannot be reached or the admin login fails
     */
    public static MariaDbServer at(String host, int port, String adminUser, String adminPassword) {
        return at(host, port, adminUser, adminPassword, false);
    }

    /**
     * As {@link #at(String, int, String, String)}, and with {@code tls} every connection made here (the admin's
     * and {@link #connect}'s) demands TLS ({@code sslMode=REQUIRED}, certificate not verified), for servers that
     * refuse plaintext ({@code require_secure_transport}).
     */
    public static MariaDbServer at(String host, int port, String adminUser, String adminPassword, boolean tls) {
        MariaDbServer server = new MariaDbServer(host, port, adminUser, adminPassword == null ? "" : adminPassword, tls);
        try (Connection c = server.adminConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB/MySQL not usable at " + host + ":" + port + " as admin '"
                    + adminUser + "' (SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + "): "
                    + e.getMessage(), e);
        }
        return server;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The admin account this administers the server as, e.g. for a command-line client a test runs. */
    public String adminUser() {
        return adminUser;
    }

    /** That account's password (a test server's throw-away admin; never a secret of the code under test). */
    public String adminPassword() {
        return adminPassword;
    }

    /** {@code jdbc:mysql://host:port/database} (Connector/J); {@code database} may be null or empty. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + (database == null ? "" : database);
    }

    /** A new admin connection (no default database); the caller closes it. */
    public Connection adminConnection() throws SQLException {
        return connect(adminUser, adminPassword, null);
    }

    /**
     * A new connection as {@code user} over TCP; the caller closes it. A wrong password fails with
     * {@link SQLException#getErrorCode()} 1045 (SQLState 28000).
     */
    public Connection connect(String user, String password, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password == null ? "" : password);
        p.setProperty("connectTimeout", "10000");
        if (tls) {
            p.setProperty("sslMode", "REQUIRED");
        } else {
            // The server has TLS off; don't let the driver's default (PREFERRED) try it first. Without TLS, MySQL's
            // caching_sha2_password sends the password RSA-encrypted under the server's key: let the driver ask for it.
            p.setProperty("sslMode", "DISABLED");
            p.setProperty("allowPublicKeyRetrieval", "true");
        }
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    /** The server's {@code VERSION()}, e.g. {@code 10.11.19-MariaDB-0+deb12u1}. */
    public String serverVersion() throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** {@code CREATE DATABASE name}; dropped on close. Returns {@code name}. */
    public String createDatabase(String name) throws SQLException {
        execute("CREATE DATABASE " + ident(name));
        databases.add(name);
        return name;
    }

    /**
     * {@code CREATE USER 'name'@'host'}; on MariaDB with a {@code mysql_native_password} password whose hash is
     * computed here, so the plaintext is not sent; on MySQL with the server's default plugin (see the class
     * comment). Dropped on close. Returns {@code name}.
     */
    public String createUser(String name, String host, String password) throws SQLException {
        execute("CREATE USER " + account(name, host) + identifiedBy(password));
        users.add(new Account(name, host));
        return name;
    }

    /** Sets a user's password (as in {@link #createUser}). */
    public void setPassword(String name, String host, String password) throws SQLException {
        execute("ALTER USER " + account(name, host) + identifiedBy(password));
    }

    private String identifiedBy(String password) throws SQLException {
        return isMariaDb()
                ? " IDENTIFIED BY PASSWORD '" + nativePasswordHash(password) + "'"
                : " IDENTIFIED BY " + literal(password);
    }

    /**
     * Whether the server accepts TLS: a connection with {@code sslMode=REQUIRED} succeeds. (MySQL 9 has no
     * {@code @@have_ssl} any more; this works on every version of both servers.)
     */
    public boolean speaksTls() throws SQLException {
        if (tls) {
            return true;
        }
        Properties p = new Properties();
        p.setProperty("user", adminUser);
        p.setProperty("password", adminPassword);
        p.setProperty("connectTimeout", "10000");
        p.setProperty("sslMode", "REQUIRED");
        try (Connection c = DriverManager.getConnection(jdbcUrl(null), p)) {
            return c.isValid(5);
        } catch (SQLException e) {
            // 08001 "connection failed" with the driver's TLS refusal; any other error is the server's problem
            if (e.getMessage() != null && e.getMessage().contains("SSL")) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the server is MariaDB (rather than MySQL), from its {@code VERSION()}; asked once. */
    public boolean isMariaDb() throws SQLException {
        if (mariaDb == null) {
            mariaDb = serverVersion().toLowerCase(Locale.ROOT).contains("mariadb");
        }
        return mariaDb;
    }

    /** {@code GRANT ALL PRIVILEGES ON `database`.* TO 'user'@'host'}. */
    public void grantAllOn(String database, String user, String host) throws SQLException {
        execute("GRANT ALL PRIVILEGES ON " + ident(database) + ".* TO " + account(user, host));
    }

    /**
     * {@code GRANT privileges ON *.* TO 'user'@'host' [WITH GRANT OPTION]}, e.g. {@code "CREATE USER"} for
     * a master user that rotates others.
     */
    public void grantGlobal(String privileges, String user, String host, boolean withGrantOption) throws SQLException {
        if (!privileges.matches("[A-Za-z ,]+")) {
            throw new IllegalArgumentException("not a plain privilege list: " + privileges);
        }
        execute("GRANT " + privileges + " ON *.* TO " + account(user, host) + (withGrantOption ? " WITH GRANT OPTION" : ""));
    }

    /** Drop this user on close too (one the code under test made). */
    public void trackUser(String name, String host) {
        users.add(new Account(name, host));
    }

    /** Drop this database on close too. */
    public void trackDatabase(String name) {
        databases.add(name);
    }

    public boolean userExists(String name, String host) throws SQLException {
        return exists("SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?", name, host);
    }

    public boolean databaseExists(String name) throws SQLException {
        return exists("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name);
    }

    /** Ends the user's sessions, then {@code DROP USER IF EXISTS}. */
    public void dropUser(String name, String host) throws SQLException {
        try (Connection c = adminConnection()) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (long id : ids) {
                    try {
                        s.execute("KILL CONNECTION " + id);
                    } catch (SQLException gone) {
                        // 1094 unknown thread: it ended meanwhile
                    }
                }
                s.execute("DROP USER IF EXISTS " + account(name, host));
            }
        }
        users.remove(new Account(name, host));
    }

    public void dropDatabase(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + ident(name));
        databases.remove(name);
    }

    /**
     * Turns the server's general query log on (adding {@code TABLE} to {@code log_output}) and starts
     * this instance's view of it at now. Global server state: it is restored when the last instance in
     * this JVM that enabled it closes. Other clients' statements show up too.
     */
    public void enableGeneralLog() throws SQLException {
        synchronized (GENERAL_LOG_LOCK) {
            try (Connection c = adminConnection(); Statement s = c.createStatement()) {
                if (generalLogMark == null) {
                    if (generalLogUsers == 0) {
                        try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.general_log, @@GLOBAL.log_output")) {
                            rs.next();
                            savedGeneralLog = rs.getString(1);
                            savedLogOutput = rs.getString(2);
                        }
                        String output = savedLogOutput.toUpperCase(Locale.ROOT);
                        if (!output.contains("TABLE")) {
                            s.execute("SET GLOBAL log_output = '"
                                    + (output.isEmpty() || output.contains("NONE") ? "TABLE" : output + ",TABLE") + "'");
                        }
                        s.execute("SET GLOBAL general_log = ON");
                    }
                    generalLogUsers++;
                }
                try (ResultSet rs = s.executeQuery("SELECT DATE_FORMAT(NOW(6), '%Y-%m-%d %H:%i:%s.%f')")) {
                    rs.next();
                    generalLogMark = rs.getString(1);
                }
            }
        }
    }

    /**
     * The general log since {@link #enableGeneralLog()}, one entry a line:
     * {@code thread_id command_type argument}.
     */
    public String generalLog() throws SQLException {
        if (generalLogMark == null) {
            throw new IllegalStateException("call enableGeneralLog() first");
        }
        StringBuilder out = new StringBuilder();
        try (Connection c = adminConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT thread_id, command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log"
                        + " WHERE event_time >= ? ORDER BY event_time")) {
            ps.setString(1, generalLogMark);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getString(3)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private void releaseGeneralLog() throws SQLException {
        synchronized (GENERAL_LOG_LOCK) {
            if (generalLogMark == null) {
                return;
            }
            generalLogMark = null;
            if (--generalLogUsers == 0) {
                try (Connection c = adminConnection(); Statement s = c.createStatement()) {
                    s.execute("SET GLOBAL general_log = " + ("1".equals(savedGeneralLog) ? "ON" : "OFF"));
                    s.execute("SET GLOBAL log_output = '" + savedLogOutput.replace("'", "") + "'");
                    if (!savedLogOutput.toUpperCase(Locale.ROOT).contains("TABLE")) {
                        // only the tests wrote to the table: don't let it grow run after run
                        try {
                            s.execute("TRUNCATE TABLE mysql.general_log");
                        } catch (SQLException ignored) {
                            // housekeeping only
                        }
                    }
                }
            }
        }
    }

    /** Drops the databases, then the users made or tracked here, and restores the general log settings. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        SQLException first = null;
        for (String db : List.copyOf(databases)) {
            try {
                dropDatabase(db);
            } catch (SQLException e) {
                first = addTo(first, e);
            }
        }
        for (Account a : List.copyOf(users)) {
            try {
                dropUser(a.name(), a.host());
            } catch (SQLException e) {
                first = addTo(first, e);
            }
        }
        try {
            releaseGeneralLog();
        } catch (SQLException e) {
            first = addTo(first, e);
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * MySQL's {@code mysql_native_password} hash: {@code '*'} and the upper-case hex of
     * SHA1(SHA1(password)), password in UTF-8. What {@code PASSWORD('...')} returns.
     */
    public static String nativePasswordHash(String password) {
        Objects.requireNonNull(password, "password");
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] twice = sha1.digest(once);
            return "*" + HexFormat.of().withUpperCase().formatHex(twice);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private boolean exists(String sql, String... params) throws SQLException {
        try (Connection c = adminConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static SQLException addTo(SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** A MySQL identifier in backquotes. */
    static String ident(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad identifier");
        }
        return '`' + name.replace("`", "``") + '`';
    }

    /** {@code 'name'@'host'} as a MySQL account name. */
    static String account(String name, String host) {
        return literal(name) + "@" + literal(host);
    }

    private static String literal(String s) {
        Objects.requireNonNull(s);
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + host + ":" + port + " as " + adminUser + "]";
    }
}
