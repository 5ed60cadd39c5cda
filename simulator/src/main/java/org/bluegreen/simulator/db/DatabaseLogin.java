package org.bluegreen.simulator.db;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** How a simulated app task logs in: with exactly what its secret says, as the app's own driver would. */
public final class DatabaseLogin {

    private DatabaseLogin() {
    }

    public static Connection open(DbSecret secret, String applicationName) throws SQLException {
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

    /**
     * The server refused the credentials: a wrong password (28P01) or a role it no longer accepts (28000).
     * Anything else (server down, too many connections) is a problem of the simulation, not of the rotation.
     */
    public static boolean isRejectedLogin(SQLException e) {
        return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState());
    }
}
