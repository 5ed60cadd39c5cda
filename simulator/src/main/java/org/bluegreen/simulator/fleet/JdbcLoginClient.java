package org.bluegreen.simulator.fleet;

import org.bluegreen.rotator.secret.DbSecret;
import org.bluegreen.simulator.db.DatabaseLogin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real JDBC login followed by a real query. */
public final class JdbcLoginClient implements LoginClient {

    @Override
    public AutoCloseable login(DbSecret secret, String applicationName) throws SQLException {
        Connection c = DatabaseLogin.open(secret, applicationName);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
