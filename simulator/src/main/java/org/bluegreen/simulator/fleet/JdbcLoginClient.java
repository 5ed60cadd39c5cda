package org.bluegreen.simulator.fleet;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.db.DatabaseServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real JDBC login to the run's server, followed by a real query. */
public final class JdbcLoginClient implements LoginClient {

    private final DatabaseServer server;

    public JdbcLoginClient(DatabaseServer server) {
        this.server = server;
    }

    @Override
    public AutoCloseable login(DbSecret secret, String applicationName) throws SQLException {
        Connection c;
        try {
            c = server.login(secret, applicationName);
        } catch (SQLException e) {
            if (server.isRejectedLogin(e)) {
                throw new LoginRejectedException(e);
            }
            throw e;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
