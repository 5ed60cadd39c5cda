package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.SQLException;

/** MySQL and MariaDB accounts as other code may name them in SQL, without reaching into the engine. */
public final class MySqlAccounts {

    private MySqlAccounts() {
    }

    /**
     * The account of {@code username} for statements such as {@code SHOW GRANTS FOR}: {@code CURRENT_USER()} when the
     * session is that user, else the one account of that name from {@code mysql.user}, quoted.
     *
     * @throws SQLException when there is no such account, several, or mysql.user cannot be read
     */
    public static String of(Connection session, String username) throws SQLException {
        MySqlEngine.ServerSession s = MySqlEngine.ServerSession.of(session);
        if (s.currentUser() != null && s.currentUser().startsWith(username + "@")) {
            return "CURRENT_USER()";
        }
        MySqlEngine.Account a = MySqlEngine.findAccount(session, s, username);
        return MySqlSql.account(a.user(), a.host());
    }
}
