package org.bluegreen.simulator.db;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.postgresql.Driver;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PostgreSQL: the testkit's private server started for this run ({@link #embedded}), or one the user already runs
 * ({@link #existing}, an administrator with {@code CREATEROLE}). Users are login roles with a SCRAM-SHA-256
 * password whose verifier is computed here, as the rotator does; the app logs in through pgjdbc.
 */
public final class PostgresServer implements DatabaseServer {

    static final String URL_PREFIX = "jdbc:postgresql:";

    /** Opens an administrator connection. */
    @FunctionalInterface
    private interface AdminLogin {
        Connection open() throws SQLException;
    }

    private final String host;
    private final int port;
    private final String database;
    private final boolean tls;
    private final String description;
    private final AdminLogin admin;
    private final Runnable stop;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(String host, int port, String database, boolean tls, String description, AdminLogin admin,
                           Runnable stop) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.tls = tls;
        this.description = description;
        this.admin = admin;
        this.stop = stop;
    }

    /**
     * Starts the testkit's private PostgreSQL 14: SCRAM passwords enforced over TCP, nothing to install.
     *
     * @param tls whether the app and the rotation connect with TLS (costs about twice the CPU per login)
     */
    public static PostgresServer embedded(boolean tls) {
        PasswordCheckingPostgres pg = PasswordCheckingPostgres.start();
        if (tls && !pg.sslEnabled()) {
            pg.close();
            throw new IllegalStateException("TLS was asked for, but the embedded PostgreSQL has none: " + pg.sslProblem());
        }
        String database = "postgres";
        return new PostgresServer(pg.host(), pg.port(), database, tls,
                "embedded PostgreSQL 14 on " + pg.host() + ":" + pg.port() + " (scram-sha-256 enforced over TCP"
                        + (tls ? ", TLS" : ", no TLS on loopback") + ")",
                () -> pg.adminConnection(database), pg::close);
    }

    /**
     * A PostgreSQL reached with {@code jdbc:postgresql://host:port/database}; the administrator connects with the
     * URL as given (its parameters included). Nothing is checked until the first user is made.
     *
     * @throws IllegalArgumentException when the URL is not a PostgreSQL URL with exactly one host
     */
    public static PostgresServer existing(String jdbcUrl, String adminUser, String adminPassword, boolean tls) {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' is not a PostgreSQL JDBC URL"
                    + " (expected jdbc:postgresql://host:port/database)");
        }
        String host = parsed.getProperty("PGHOST");
        if (host == null || host.contains(",")) {
            throw new IllegalArgumentException("--jdbc-url must name exactly one host");
        }
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432"));
        String database = parsed.getProperty("PGDBNAME", "postgres");
        Properties credentials = new Properties();
        if (adminUser != null) {
            credentials.setProperty("user", adminUser);
        }
        if (adminPassword != null) {
            credentials.setProperty("password", adminPassword);
        }
        return new PostgresServer(host, port, database, tls,
                "PostgreSQL at " + host + ":" + port + "/" + database + (tls ? " (TLS)" : " (no TLS)"),
                () -> DriverManager.getConnection(jdbcUrl, credentials), () -> { });
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public String engine() {
        return "postgres";
    }

    @Override
    public String describe() {
        return description;
    }

    /** A new administrator connection to {@link #database()}; the caller closes it. */
    public Connection adminConnection() throws SQLException {
        return admin.open();
    }

    @Override
    public void createUser(String name, String password) throws SQLException {
        try (Connection c = adminConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + ident(name) + " LOGIN");
            }
            char[] chars = password.toCharArray();
            try {
                c.unwrap(PGConnection.class).alterUserPassword(name, chars, "scram-sha-256");
            } catch (SQLException e) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP ROLE IF EXISTS " + ident(name));
                } catch (SQLException dropFailed) {
                    e.addSuppressed(dropFailed);
                }
                throw e;
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
    }

    @Override
    public void dropUser(String name) throws SQLException {
        try (Connection c = adminConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
                ps.setString(1, name);
                ps.executeQuery().close();
            } catch (SQLException e) {
                // An admin with CREATEROLE only may not signal other roles' backends; the simulation closed its
                // sessions already, and DROP ROLE does not wait for any.
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + ident(name));
            }
        }
    }

    @Override
    public Connection login(DbSecret secret, String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", secret.username());
        p.setProperty("password", secret.password());
        p.setProperty("sslmode", secret.ssl() ? "require" : "disable");
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        int port = secret.port() == 0 ? 5432 : secret.port();
        String db = secret.dbname() == null ? "postgres" : secret.dbname();
        return DriverManager.getConnection("jdbc:postgresql://" + secret.host() + ":" + port + "/" + db, p);
    }

    /** A wrong password (28P01) or a role the server no longer accepts (28000). */
    @Override
    public boolean isRejectedLogin(SQLException e) {
        return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState());
    }

    @Override
    public String passwordCheckAdvice() {
        return "it does not check passwords (trust in pg_hba.conf?). Use a server that asks for scram-sha-256 or md5"
                + " over TCP, or leave out --jdbc-url";
    }

    /** Stops the embedded server and deletes its files; an existing server is not ours to stop. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop.run();
        }
    }

    static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected role name " + name);
        }
        return '"' + name + '"';
    }
}
