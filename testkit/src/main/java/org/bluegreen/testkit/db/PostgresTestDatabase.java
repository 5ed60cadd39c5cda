package org.bluegreen.testkit.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * A database and its roles, for one test, on a password-checking PostgreSQL that enforces scram-sha-256 over TCP
 * ({@link PasswordCheckingPostgres}); all dropped on close.
 */
public final class PostgresTestDatabase implements TestDatabase {

    private final PasswordCheckingPostgres server;
    private final PasswordCheckingPostgres.Scope scope;
    private final String dbname;
    private final long logStart;

    /** On the tests' default PostgreSQL ({@link TestServers#postgres()}). */
    public PostgresTestDatabase() throws SQLException {
        this(TestServers.postgres());
    }

    /** On {@code server}, which stays running. */
    public PostgresTestDatabase(PasswordCheckingPostgres server) throws SQLException {
        this.server = server;
        this.scope = server.scope();
        logStart = server.serverLogPosition();
        dbname = scope.createDatabase(DbNames.unique("app"));
    }

    /** Drops on close a role that something else (the setup SQL) created in this database. */
    public String trackRole(String name) {
        return scope.trackRole(name);
    }

    @Override
    public String engine() {
        return "postgres";
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String dbname() {
        return dbname;
    }

    @Override
    public boolean tls() {
        return server.sslEnabled();
    }

    @Override
    public Optional<Path> caBundle() {
        return server.sslEnabled() ? Optional.of(server.sslRootCert()) : Optional.empty();
    }

    @Override
    public void createAppUser(String name, String password) throws SQLException {
        scope.createLoginRole(name, password);
        asAdmin("GRANT ALL ON DATABASE " + ident(dbname) + " TO " + ident(name));
    }

    @Override
    public void createAdmin(String name, String password) throws SQLException {
        scope.createLoginRole(name, password, "CREATEROLE");
    }

    @Override
    public void setPassword(String user, String password) throws SQLException {
        server.setPassword(user, password);
    }

    @Override
    public void asAdmin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection(dbname); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    public Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection(server.jdbcUrl(dbname), p);
    }

    @Override
    public boolean logsIn(String user, String password) throws SQLException {
        try (Connection c = connect(user, password)) {
            return c.isValid(5);
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String statementLog() {
        return server.serverLogSince(logStart);
    }

    @Override
    public void close() throws SQLException {
        scope.close();
    }

    private static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
