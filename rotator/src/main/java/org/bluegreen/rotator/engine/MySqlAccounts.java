package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * MySQL and MariaDB accounts: an account is {@code 'user'@'host'}, the secret names only the user. As the admin, the
 * host is looked up in {@code mysql.user}: exactly one account must have the user name, otherwise the rotation cannot
 * tell which one the application logs in to and refuses (it never creates one, e.g. {@code 'user'@'%'}). As the user
 * itself, the account is the one the login matched ({@code CURRENT_USER()}).
 */
final class MySqlAccounts {

    private MySqlAccounts() {
    }

    /** One row of mysql.user. */
    record Account(String user, String host, String plugin) {

        String sql() {
            return MySqlSql.account(user, host);
        }

        @Override
        public String toString() {
            return quote(user) + "@" + quote(host);
        }
    }

    /**
     * The account of {@code username} for statements such as {@code SHOW GRANTS FOR}, quoted: the one the login
     * matched when the session is that user, else the one account of that name from {@code mysql.user}.
     *
     * @throws SQLException when there is no such account, several (both {@link EngineRefusal}), or mysql.user cannot
     *                      be read
     */
    static String of(Connection session, String username) throws SQLException {
        MySqlServerSession s = MySqlServerSession.of(session);
        if (s.isUser(username)) {
            // By name, not CURRENT_USER(): MySQL's SHOW GRANTS FOR CURRENT_USER() adds the privileges of the
            // session's active roles, which would show a role's rights as the user's own.
            return MySqlSql.account(username, s.hostOfCurrentAccount(username));
        }
        return find(session, s, username).sql();
    }

    /**
     * The one account named {@code username}, read as the admin.
     *
     * @throws EngineRefusal when there is none, or several (the rotation cannot tell which the application uses)
     */
    static Account find(Connection admin, MySqlServerSession s, String username) throws SQLException {
        String sql = "SELECT User, Host, plugin FROM mysql.user WHERE User = ?" + (s.mariaDb() ? " AND is_role = 'N'" : "");
        List<Account> accounts = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // The column compares with PAD SPACE: keep exact matches only.
                    if (username.equals(rs.getString(1))) {
                        accounts.add(new Account(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new SQLException("cannot read mysql.user to find the host part of the account of " + quote(username)
                    + " (the admin needs SELECT on mysql.user): " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        if (accounts.isEmpty()) {
            throw new EngineRefusal(EngineRefusal.Reason.NO_SUCH_ACCOUNT, "no account with user name " + quote(username)
                    + " exists on this server; the rotation changes passwords, it does not create accounts");
        }
        if (accounts.size() > 1) {
            accounts.sort(Comparator.comparing(Account::host));
            throw new EngineRefusal(EngineRefusal.Reason.AMBIGUOUS_ACCOUNT, "user name " + quote(username) + " has "
                    + accounts.size() + " accounts " + accounts + ": cannot tell which one the application logs in to,"
                    + " so none was changed; keep one account per user name for a rotated user");
        }
        return accounts.get(0);
    }
}
