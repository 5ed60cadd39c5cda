package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.SQLException;

/** MySQL and MariaDB accounts as other code may name them in SQL, without reaching into the engine. */
public final class MySqlAccounts {

    private MySqlAccounts() {
    }

    /**
     * The account of {@code username} for statements such as {@code SHOW GRANTS FOR}, quoted: the one the login
     * matched when the session is that user, else the one account of that name from {@code mysql.user}.
     *
     * @throws SQLException when there is no such account, several, or mysql.user cannot be read
     */
    public static String of(Connection session, String username) throws SQLException {
        MySqlEngine.ServerSession s = MySqlEngine.ServerSession.of(session);
        if (s.currentUser() != null && s.currentUser().startsWith(username + "@")) {
            // By name, not CURRENT_USER(): MySQL's SHOW GRANTS FOR CURRENT_USER() adds the privileges of the
            // session's active roles, which would show a role's rights as the user's own.
            return MySqlSql.account(username, s.hostOfCurrentAccount(username));
        }
        MySqlEngine.Account a = MySqlEngine.findAccount(session, s, username);
        return MySqlSql.account(a.user(), a.host());
    }
}
