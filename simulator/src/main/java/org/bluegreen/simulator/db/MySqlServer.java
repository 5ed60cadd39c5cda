package org.bluegreen.simulator.db;

import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * MySQL and MariaDB (one family, as in the rotator's {@code MySqlEngine}): a server the user already runs, reached
 * with {@code jdbc:mysql://host:port/} or {@code jdbc:mariadb://host:port/} and an administrator that may create
 * users and databases and grant on them. Administration goes through the testkit's {@link MariaDbServer}, which
 * drops what it made when closed. Each run gets a database of its own ({@code bgsim_…}, dropped at the end), and
 * every user gets all privileges on it, so blue and green have the same rights. Users are
 * {@code 'name'@'%'}, as on RDS. Whether the server is MariaDB or MySQL comes from {@code VERSION()} and sets the
 * secrets' {@code engine}. The app logs in through MySQL Connector/J, the rotator's driver.
 */
public final class MySqlServer implements DatabaseServer {

    /** The host part of every account made here: any client, as RDS's users usually are. */
    static final String ACCOUNT_HOST = "%";

    private static final DatabaseEngine FAMILY = Engines.forName("mysql");

    private final MariaDbServer admin;
    private final String database;
    private final String version;
    private final boolean mariaDb;
    private final boolean tls;

    private MySqlServer(MariaDbServer admin, String database, String version, boolean mariaDb, boolean tls) {
        this.admin = admin;
        this.database = database;
        this.version = version;
        this.mariaDb = mariaDb;
        this.tls = tls;
    }

    static boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:");
    }

    /**
     * The server a {@code jdbc:mysql://host[:port][/]} or {@code jdbc:mariadb://…} URL names. The URL names the
     * server only: the run makes its own database, and the driver's settings are the simulator's.
     *
     * @param tls whether the secrets, the app and the administrator ask for TLS ({@code sslMode=REQUIRED})
     * @throws IllegalArgumentException when the URL is not of that form
     * @throws IllegalStateException    when the administrator cannot log in, or the database cannot be made
     */
    public static MySqlServer existing(String jdbcUrl, String adminUser, String adminPassword, boolean tls) {
        if (adminUser == null) {
            throw new IllegalArgumentException("a MySQL/MariaDB --jdbc-url needs --admin-user");
        }
        URI uri = parse(jdbcUrl);
        int port = uri.getPort() < 0 ? FAMILY.defaultPort() : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        MariaDbServer server;
        try {
            server = MariaDbServer.at(host, port, adminUser, adminPassword, tls);
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot log in to " + host + ":" + port + " as '" + adminUser + "'"
                    + (tls ? " with TLS" : " without TLS") + ": " + cause.getMessage(), e);
        }
        return open(server, tls);
    }

    /**
     * On the server {@code admin} administers: reads {@code VERSION()} and makes the run's database. Closing the
     * result closes {@code admin}, which drops the database and the users made here.
     */
    public static MySqlServer open(MariaDbServer admin, boolean tls) {
        try {
            String version = admin.serverVersion();
            String database = admin.createDatabase(DbNames.unique("bgsim"));
            return new MySqlServer(admin, database, version, admin.isMariaDb(), tls);
        } catch (SQLException e) {
            closeQuietly(admin);
            throw new IllegalStateException("cannot make the simulation's database on " + admin.host() + ":"
                    + admin.port() + " (the administrator needs CREATE, DROP, CREATE USER and GRANT OPTION): "
                    + e.getMessage(), e);
        }
    }

    private static URI parse(String jdbcUrl) {
        String expected = " (expected jdbc:mysql://host:port/ or jdbc:mariadb://host:port/, naming the server only:"
                + " the simulator makes a database of its own)";
        URI uri;
        try {
            uri = new URI(jdbcUrl.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' is not a MySQL/MariaDB JDBC URL" + expected);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' must name exactly one host" + expected);
        }
        boolean serverOnly = uri.getUserInfo() == null && uri.getQuery() == null && uri.getFragment() == null
                && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"));
        if (!serverOnly) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' names more than the server" + expected);
        }
        return uri;
    }

    @Override
    public String host() {
        return admin.host();
    }

    @Override
    public int port() {
        return admin.port();
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public boolean tls() {
        return tls;
    }

    /** {@code mariadb} or {@code mysql}, from the server's {@code VERSION()}. */
    @Override
    public String engine() {
        return mariaDb ? "mariadb" : "mysql";
    }

    @Override
    public String describe() {
        return (mariaDb ? "MariaDB " : "MySQL ") + version + " at " + host() + ":" + port() + ", database " + database
                + " made for this run" + (tls ? " (TLS)" : " (no TLS)");
    }

    /** {@code 'name'@'%'} with all privileges on the run's database. */
    @Override
    public synchronized void createUser(String name, String password) throws SQLException {
        admin.createUser(name, ACCOUNT_HOST, password);
        try {
            admin.grantAllOn(database, name, ACCOUNT_HOST);
        } catch (SQLException e) {
            try {
                admin.dropUser(name, ACCOUNT_HOST);
            } catch (SQLException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    @Override
    public synchronized void dropUser(String name) throws SQLException {
        admin.dropUser(name, ACCOUNT_HOST);
    }

    @Override
    public Connection login(DbSecret secret, String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", secret.username());
        p.setProperty("password", secret.password());
        if (secret.ssl()) {
            p.setProperty("sslMode", "REQUIRED");
        } else {
            // Connector/J's default (PREFERRED) would try TLS first; without TLS, MySQL's caching_sha2_password
            // needs the server's public key to send the password.
            p.setProperty("sslMode", "DISABLED");
            p.setProperty("allowPublicKeyRetrieval", "true");
        }
        p.setProperty("connectionAttributes", "program_name:" + applicationName);
        p.setProperty("connectTimeout", "5000");
        p.setProperty("socketTimeout", "30000");
        int port = secret.port() == 0 ? FAMILY.defaultPort() : secret.port();
        String db = secret.dbname() == null ? "" : secret.dbname();
        return DriverManager.getConnection("jdbc:mysql://" + hostForUrl(secret.host()) + ":" + port + "/" + db, p);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Access denied (error 1045, SQLState 28000): the rotator's own test for a wrong password. */
    @Override
    public boolean isRejectedLogin(SQLException e) {
        return FAMILY.isWrongPassword(e);
    }

    @Override
    public String passwordCheckAdvice() {
        return "it does not check passwords (started with --skip-grant-tables?). Use a server that checks them";
    }

    /** Drops the run's database and any user still left, in that order; safe to call twice. */
    @Override
    public synchronized void close() {
        closeQuietly(admin);
    }

    private static void closeQuietly(MariaDbServer admin) {
        try {
            admin.close();
        } catch (SQLException e) {
            System.err.println("bluegreen-simulator: could not drop everything the run made on " + admin.host() + ":"
                    + admin.port() + ": " + e.getMessage());
        }
    }
}
