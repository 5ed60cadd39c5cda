package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
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
     * {@link DatabaseEngine#account}: {@code username}'s account quoted by the engine, for the few catalog statements
     * that take no bind parameter (MySQL's {@code SHOW GRANTS FOR}).
     */
    String account(String username) throws SQLException;

    /**
     * Runs one catalog statement for the operator CLI's read-only inspection (doctor, inspect) and returns its rows,
     * or none when it returns no result set. Values reach the server only as bind parameters ({@code ?}); without
     * parameters the text goes to the server exactly as given (no JDBC escape processing), so an identifier quoted
     * by {@link #account} stays intact. The rotation never calls it; the caller passes only reads (and settings of
     * this session, such as how it prints the catalog).
     */
    List<Row> rows(String sql, Object... params) throws SQLException;

    /** One result row, its values in select order as the driver returns them (null for SQL NULL); 1-based like JDBC. */
    record Row(List<Object> values) {

        public Row {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** The value's text, or null; cast in SQL ({@code ::text}) where the driver's type would print otherwise. */
        public String text(int column) {
            Object v = values.get(column - 1);
            return v == null ? null : v.toString();
        }

        /** A boolean column; SQL NULL reads as false. */
        public boolean flag(int column) {
            return Boolean.TRUE.equals(values.get(column - 1));
        }

        /** A numeric column. */
        public long number(int column) {
            return ((Number) values.get(column - 1)).longValue();
        }
    }

    @Override
    void close() throws SQLException;
}
