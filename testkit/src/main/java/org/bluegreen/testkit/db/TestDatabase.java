package org.bluegreen.testkit.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A real database server that checks passwords, as the rotation scenarios need it. One implementation per
 * engine family; the scenarios themselves are the same for all.
 */
public interface TestDatabase extends AutoCloseable {

    /** The secret's {@code engine} value. */
    String engine();

    String host();

    int port();

    /** The database the secrets name. */
    String dbname();

    /** Whether the server speaks TLS, so secrets may leave {@code ssl} at its default (on). */
    boolean tls();

    /** The CA bundle that verifies the server's certificate, for {@code DB_CA_BUNDLE}; empty when there is none at hand. */
    Optional<Path> caBundle();

    /** A login user with the app's rights; dropped on close. */
    void createAppUser(String name, String password) throws SQLException;

    /** A user allowed to change other users' passwords (the {@code masterarn} admin); dropped on close. */
    void createAdmin(String name, String password) throws SQLException;

    /** Sets a password directly, as an operator would (to stage an interrupted rotation). */
    void setPassword(String user, String password) throws SQLException;

    /** Runs {@code statements} as the server's admin in {@link #dbname()}, e.g. to make a table or change a grant. */
    void asAdmin(String... statements) throws SQLException;

    /** A new session as {@code user} over TCP; throws when the password is wrong. */
    Connection connect(String user, String password) throws SQLException;

    /** True when the password logs in; false when the server rejects it as a wrong password. */
    boolean logsIn(String user, String password) throws SQLException;

    /** What the server logged of the statements it ran since the test began. */
    String statementLog() throws SQLException;

    @Override
    void close() throws SQLException;
}
