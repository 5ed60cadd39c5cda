package org.bluegreen.simulator.db;

import org.bluegreen.rotator.secret.DbSecret;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The database users of one run, on whichever server it uses: made with a fresh password, checked to be
 * password-protected for real, and dropped again at the end, so a run leaves nothing behind on an existing server.
 */
public final class SimulationUsers implements AutoCloseable {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseServer server;
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    public SimulationUsers(DatabaseServer server) {
        this.server = server;
    }

    /** A fresh random password, as an operator would set up the users before turning rotation on. */
    public static String newPassword() {
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    public void create(String user, String password) throws SQLException {
        server.createUser(user, password);
        created.add(user);
    }

    /** The JSON an RDS secret holds for {@code user} on this server. */
    public Map<String, Object> secretValue(String user, String password) {
        return Map.of("engine", server.engine(), "host", server.host(), "port", server.port(), "username", user,
                "password", password, "dbname", server.database(), "ssl", server.tls());
    }

    /**
     * Refuses to simulate on a server that lets a wrong password in: there, no rotation could ever break a login,
     * and the simulation would prove nothing. Then checks that the right password logs in.
     */
    public void requirePasswordCheck(String user, DbSecret rightSecret) throws SQLException {
        DbSecret wrong = rightSecret.withPassword(newPassword());
        try (Connection ignored = server.login(wrong, "bluegreen-simulator-check")) {
            throw new IllegalStateException(server.describe() + " let user '" + user + "' in with a wrong password: "
                    + server.passwordCheckAdvice() + ". The simulation could not show a failed login there.");
        } catch (SQLException e) {
            if (!server.isRejectedLogin(e)) {
                throw e;
            }
        }
        try (Connection ok = server.login(rightSecret, "bluegreen-simulator-check")) {
            // the right password logs in
        }
    }

    /** Ends the users' sessions and drops them. */
    @Override
    public void close() throws SQLException {
        List<String> users;
        synchronized (created) {
            users = new ArrayList<>(created);
            created.clear();
        }
        SQLException first = null;
        for (String user : users) {
            try {
                server.dropUser(user);
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
