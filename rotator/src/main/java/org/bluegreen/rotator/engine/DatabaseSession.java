package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One logged-in database session with its engine's operations bound to it ({@link DatabaseEngine} says what each
 * does): what the rotation and the CLI's write paths do on a database, without holding a JDBC connection themselves.
 */
public interface DatabaseSession extends AutoCloseable {

    /** {@link DatabaseEngine#changePassword}, as the admin this session logged in as. */
    void changePassword(String username, String newPassword) throws SQLException;

    /** {@link DatabaseEngine#changeOwnPassword}: {@code login} is the secret this session logged in with. */
    void changeOwnPassword(DbSecret login, String newPassword) throws SQLException;

    /** {@link DatabaseEngine#whyAdminCannotChangePassword}. */
    Optional<String> whyAdminCannotChangePassword(String username) throws SQLException;

    /** {@link DatabaseEngine#plaintextPasswordChange}. */
    Optional<String> plaintextPasswordChange(String username) throws SQLException;

    /** {@link DatabaseEngine#liveSessions}. */
    List<LiveSession> liveSessions(String username) throws SQLException;

    /** {@link DatabaseEngine#verifyLogin}: a real query, as {@code username}. */
    void verifyLogin(String username) throws SQLException;

    /** {@link DatabaseEngine#unsafeToRotate}. */
    List<String> unsafeToRotate(String username) throws SQLException;

    /**
     * The JDBC connection underneath, for the operator CLI's read-only catalog queries (doctor, inspect), which are
     * still written against JDBC. The rotation never calls it.
     */
    Connection connection();

    @Override
    void close() throws SQLException;
}
