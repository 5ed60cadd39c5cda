package org.bluegreen.simulator.fleet;

import java.sql.SQLException;

/**
 * The server refused the credentials (a wrong password, or a user it no longer accepts): the failure the
 * simulation counts. Keeps the server's SQLState and error code.
 */
public final class LoginRejectedException extends SQLException {

    public LoginRejectedException(SQLException refusal) {
        super(refusal.getMessage(), refusal.getSQLState(), refusal.getErrorCode(), refusal);
    }
}
