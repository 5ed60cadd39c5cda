package org.bluegreen.simulator.db;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL server the user already runs, reached with {@code --jdbc-url} and an administrator that may create
 * roles. The simulation creates its own uniquely named roles there and drops them at the end.
 */
public final class ExistingServer implements DatabaseServer {

    private final String jdbcUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String host;
    private final int port;
    private final String database;
    private final boolean tls;

    public ExistingServer(String jdbcUrl, String adminUser, String adminPassword, boolean tls) {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' is not a PostgreSQL JDBC URL"
                    + " (expected jdbc:postgresql://host:port/database)");
        }
        String hosts = parsed.getProperty("PGHOST");
        if (hosts == null || hosts.contains(",")) {
            throw new IllegalArgumentException("--jdbc-url must name exactly one host");
        }
        this.jdbcUrl = jdbcUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.host = hosts;
        this.port = Integer.parseInt(parsed.getProperty("PGPORT", "5432"));
        this.database = parsed.getProperty("PGDBNAME", "postgres");
        this.tls = tls;
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
    public Connection adminConnection() throws SQLException {
        Properties p = new Properties();
        if (adminUser != null) {
            p.setProperty("user", adminUser);
        }
        if (adminPassword != null) {
            p.setProperty("password", adminPassword);
        }
        return DriverManager.getConnection(jdbcUrl, p);
    }

    @Override
    public String describe() {
        return "PostgreSQL at " + host + ":" + port + "/" + database + (tls ? " (TLS)" : " (no TLS)");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
