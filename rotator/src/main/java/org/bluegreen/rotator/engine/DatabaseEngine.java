package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the rotation needs from a database engine family, plus {@link #account} for the operator CLI's
 * read-only inspection (whose catalog SQL lives in the CLI). One small class per family
 * (PostgreSQL, MySQL/MariaDB), because they differ in SQL, quoting, password hashing and session views.
 */
public interface DatabaseEngine {

    /** The port used when the secret names none. */
    int defaultPort();

    /** Characters that generated passwords must avoid for this engine, beyond the configured ones. */
    String passwordExcludedCharacters();

    /** The longest password this engine takes for a login user. */
    int maxPasswordLength();

    /**
     * Opens a connection as {@code login.username()} to the secret's endpoint, with TLS unless the
     * secret says {@code "ssl": false}, and never falling back to plaintext.
     */
    Connection connect(DbSecret login, ConnectOptions options) throws SQLException;

    /**
     * Sets the password of the connected user itself (self-service rotation). {@code login} is the secret the
     * connection logged in with: its user is the one changed, and its password is the current one, which MySQL
     * demands ({@code REPLACE '<current>'}) for accounts with {@code PASSWORD REQUIRE CURRENT}.
     */
    void changeOwnPassword(Connection asUser, DbSecret login, String newPassword) throws SQLException;

    /** Sets the password of {@code username} from an admin connection. */
    void changePassword(Connection asAdmin, String username, String newPassword) throws SQLException;

    /**
     * Why the connected admin may not change the password of {@code username}, read from the catalog without
     * changing anything; empty when it may (or when the engine cannot tell, e.g. rights that come through a role).
     * The configuration test calls it so that a missing right fails before the first rotation needs it.
     */
    Optional<String> whyAdminCannotChangePassword(Connection asAdmin, String username) throws SQLException;

    /**
     * Why changing the password of {@code username} would send the new password to the server in plaintext, where
     * the server writes statements as sent to its logs (e.g. a MariaDB account on ed25519); empty when it would not.
     * The configuration test warns with it before the first rotation. {@code session} may be the user itself or the admin.
     */
    default Optional<String> plaintextPasswordChange(Connection session, String username) throws SQLException {
        return Optional.empty();
    }

    /** Sessions of {@code username} other than the calling connection, one entry per client address. */
    List<LiveSession> liveSessions(Connection session, String username) throws SQLException;

    /** Runs a real query and checks that the connection is logged in as {@code username}. */
    void verifyLogin(Connection session, String username) throws SQLException;

    /**
     * Why the engine would not keep {@code username} exactly as given (truncate it, trim it) or refuse it; empty when
     * the name is fine. Checked before any write: a truncated name can be another user's.
     */
    Optional<String> userNameProblem(String username);

    /**
     * Why changing the password of {@code username} would hand out more than an application login: the role has
     * administrative power (itself or through a role it is a member of), or it is no login at all. Empty when it is
     * safe to rotate. {@code session} may be the user itself or the admin.
     */
    List<String> unsafeToRotate(Connection session, String username) throws SQLException;

    /**
     * The account of {@code username} quoted for statements that name one and take no bind parameter: MySQL and
     * MariaDB {@code 'user'@'host'} ({@link MySqlAccounts#of}), PostgreSQL the quoted role name. For the operator
     * CLI's inspection ({@code SHOW GRANTS FOR}).
     */
    String account(Connection session, String username) throws SQLException;

    /** True when the exception says the password was wrong (as opposed to an unreachable server). */
    boolean isWrongPassword(SQLException e);

    /** True when connecting failed in TLS (no TLS offered, certificate not trusted, handshake failed). */
    default boolean isTlsFailure(SQLException e) {
        return !isWrongPassword(e) && TlsFailure.in(e);
    }
}
