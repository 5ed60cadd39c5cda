package org.bluegreen.testkit.db;


import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A database and its users, for one test, on a MySQL-family server ({@link TestServers}), all dropped on close. Users are {@code 'name'@'%'}, as on RDS; the admin has what RDS
 * gives its master user for this purpose (SELECT and UPDATE, CREATE USER, PROCESS). Fails, not skips,
 * when no server answers.
 */
public final class MySqlFamilyTestDatabase implements TestDatabase {

    static final String ACCOUNT_HOST = "%";

    private final MariaDbServer server;
    private final String engine;
    private final boolean tls;
    private final String dbname;

    /** On the tests' MySQL-family server ({@link TestServers#mysqlFamily()}). */
    public MySqlFamilyTestDatabase() throws SQLException {
        this(MariaDbServer.fromEnvironment());
    }

    /** On {@code server}, one of {@link TestServers}'. */
    public MySqlFamilyTestDatabase(MySqlFamilyServer server) throws SQLException {
        this(server.newScope());
    }

    /** Through {@code scope}, which this closes (dropping what the test made). */
    public MySqlFamilyTestDatabase(MariaDbServer scope) throws SQLException {
        this.server = scope;
        engine = scope.isMariaDb() ? "mariadb" : "mysql";
        tls = scope.speaksTls();
        // Before anything else, so that statementLog() covers the whole test.
        server.enableGeneralLog();
        dbname = server.createDatabase(DbNames.unique("app"));
    }

    @Override
    public String engine() {
        return engine;
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
        return tls;
    }

    /** Empty: the servers these tests use have no CA bundle to give (TLS, where on, is not verified). */
    @Override
    public Optional<Path> caBundle() {
        return Optional.empty();
    }

    @Override
    public void createAppUser(String name, String password) throws SQLException {
        server.createUser(name, ACCOUNT_HOST, password);
        server.grantAllOn(dbname, name, ACCOUNT_HOST);
    }

    @Override
    public void createAdmin(String name, String password) throws SQLException {
        server.createUser(name, ACCOUNT_HOST, password);
        server.grantGlobal("SELECT, UPDATE, CREATE USER, PROCESS", name, ACCOUNT_HOST, true);
    }

    @Override
    public void setPassword(String user, String password) throws SQLException {
        server.setPassword(user, ACCOUNT_HOST, password);
    }

    @Override
    public void asAdmin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection()) {
            c.setCatalog(dbname);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
        }
    }

    @Override
    public Connection connect(String user, String password) throws SQLException {
        return server.connect(user, password, dbname);
    }

    @Override
    public boolean logsIn(String user, String password) throws SQLException {
        try (Connection c = connect(user, password)) {
            return c.isValid(5);
        } catch (SQLException e) {
            if (e.getErrorCode() == 1045 || "28000".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String statementLog() throws SQLException {
        return server.generalLog();
    }

    /**
     * The client host the server shows for a session from this machine: {@code 127.0.0.1}, or {@code localhost}
     * where the server resolves names (no {@code skip_name_resolve}).
     */
    public String loopbackClientHost() throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")) {
            rs.next();
            String host = rs.getString(1);
            return host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        }
    }

    String serverVersion() throws SQLException {
        return server.serverVersion();
    }

    @Override
    public void close() throws SQLException {
        server.close();
    }
}
