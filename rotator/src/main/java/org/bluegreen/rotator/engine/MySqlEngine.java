package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * MySQL, Aurora MySQL and MariaDB. Which of the two families the server is comes from {@code VERSION()}
 * ({@link MySqlServerSession}), not from the secret's {@code engine} name. Each concern has a class of its own:
 * connecting and TLS ({@link MySqlConnector}), finding the account ({@link MySqlAccounts}), the password change
 * statement ({@link MySqlPasswordChange}), the admin's rights ({@link MySqlAdminRights}), the account's own power
 * ({@link MySqlRoleSafety} on {@link MySqlGrantLines}), other sessions ({@link MySqlProcessList}). See docs/mysql.md.
 */
final class MySqlEngine implements DatabaseEngine {

    /** ER_ACCESS_DENIED_ERROR: wrong password (or no such user, which the server does not tell apart). */
    static final int ER_ACCESS_DENIED = 1045;

    /**
     * Beyond the function's EXCLUDE_CHARACTERS: the characters RDS refuses in its MySQL and MariaDB master
     * passwords ({@code / ' " @}), the backslash (an escape in SQL literals, option files and most shells),
     * {@code #} and {@code ;} (comments in MySQL option files; separators in key-value connection strings), and
     * the backquote (quoting in MySQL and in shells).
     */
    static final String EXCLUDED_CHARACTERS = "/'\"@\\#;`";

    /**
     * 32: the longest password MySQL and MariaDB accept for a replication user
     * (ER_CHANGE_MASTER_PASSWORD_LENGTH), below RDS's 41 for master users; over an alphabet of ~60 characters it
     * still carries more than 180 bits.
     */
    static final int MAX_PASSWORD_LENGTH = 32;

    /** MySQL's limit for the user part of an account (MariaDB's, 80, is wider): longer names are refused. */
    static final int MAX_USER_NAME_CHARS = 32;

    @Override
    public int defaultPort() {
        return MySqlConnector.DEFAULT_PORT;
    }

    @Override
    public String passwordExcludedCharacters() {
        return EXCLUDED_CHARACTERS;
    }

    @Override
    public int maxPasswordLength() {
        return MAX_PASSWORD_LENGTH;
    }

    @Override
    public Connection connect(DbSecret login, ConnectOptions options) throws SQLException {
        return MySqlConnector.connect(login, options, this);
    }

    @Override
    public void changeOwnPassword(Connection asUser, DbSecret login, String newPassword) throws SQLException {
        MySqlPasswordChange.changeOwnPassword(asUser, login, newPassword);
    }

    @Override
    public void changePassword(Connection asAdmin, String username, String newPassword) throws SQLException {
        MySqlPasswordChange.changePassword(asAdmin, username, newPassword);
    }

    @Override
    public Optional<String> whyAdminCannotChangePassword(Connection asAdmin, String username) throws SQLException {
        return MySqlAdminRights.whyNot(asAdmin, username);
    }

    @Override
    public Optional<String> plaintextPasswordChange(Connection session, String username) throws SQLException {
        return MySqlPasswordChange.plaintextWarning(session, username);
    }

    @Override
    public List<LiveSession> liveSessions(Connection session, String username) throws SQLException {
        return MySqlProcessList.liveSessions(session, username);
    }

    @Override
    public void verifyLogin(Connection session, String username) throws SQLException {
        MySqlServerSession.of(session).hostOfCurrentAccount(username);
    }

    @Override
    public String account(Connection session, String username) throws SQLException {
        return MySqlAccounts.of(session, username);
    }

    @Override
    public Optional<String> userNameProblem(String username) {
        return UserNames.problem(username, 0, MAX_USER_NAME_CHARS);
    }

    @Override
    public List<String> unsafeToRotate(Connection session, String username) throws SQLException {
        return MySqlRoleSafety.findings(session, username).stream().map(MySqlRoleSafety.Finding::text).toList();
    }

    @Override
    public boolean isWrongPassword(SQLException e) {
        return e.getErrorCode() == ER_ACCESS_DENIED || "28000".equals(e.getSQLState());
    }
}
