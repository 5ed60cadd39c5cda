package org.bluegreen.simulator.db;

import org.bluegreen.rotator.secret.DbSecret;
import org.postgresql.PGConnection;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The database roles of one run: created with a SCRAM password (the verifier is computed here, as the rotator
 * does), and dropped again at the end, so a run leaves nothing behind on an existing server.
 */
public final class SimulationRoles implements AutoCloseable {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseServer server;
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    public SimulationRoles(DatabaseServer server) {
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

    public void create(String role, String password) throws SQLException {
        try (Connection c = server.adminConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + ident(role) + " LOGIN");
            }
            created.add(role);
            char[] chars = password.toCharArray();
            c.unwrap(PGConnection.class).alterUserPassword(role, chars, "scram-sha-256");
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** The JSON an RDS secret holds for {@code role} on this server. */
    public Map<String, Object> secretValue(String role, String password) {
        return Map.of("engine", "postgres", "host", server.host(), "port", server.port(), "username", role,
                "password", password, "dbname", server.database(), "ssl", server.tls());
    }

    /**
     * Refuses to simulate on a server that lets a wrong password in (e.g. {@code trust} in pg_hba.conf): there,
     * no rotation could ever break a login, and the simulation would prove nothing.
     */
    public void requirePasswordCheck(String role, DbSecret rightSecret) throws SQLException {
        DbSecret wrong = rightSecret.withPassword(newPassword());
        try (Connection ignored = DatabaseLogin.open(wrong, "bluegreen-simulator-check")) {
            throw new IllegalStateException(server.describe() + " let role '" + role + "' in with a wrong password:"
                    + " it does not check passwords (trust in pg_hba.conf?), so the simulation could not show a failed"
                    + " login. Use a server that asks for scram-sha-256 or md5 over TCP, or leave out --jdbc-url.");
        } catch (SQLException e) {
            if (!DatabaseLogin.isRejectedLogin(e)) {
                throw e;
            }
        }
        try (Connection ok = DatabaseLogin.open(rightSecret, "bluegreen-simulator-check")) {
            // the right password logs in
        }
    }

    /** Ends the roles' sessions and drops them. */
    @Override
    public void close() throws SQLException {
        List<String> roles;
        synchronized (created) {
            roles = new ArrayList<>(created);
            created.clear();
        }
        if (roles.isEmpty()) {
            return;
        }
        try (Connection c = server.adminConnection()) {
            for (String role : roles) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
                    ps.setString(1, role);
                    ps.executeQuery().close();
                } catch (SQLException e) {
                    // An admin with CREATEROLE only may not signal other roles' backends; the simulation closed its
                    // sessions already, and DROP ROLE does not wait for any.
                }
                try (Statement s = c.createStatement()) {
                    s.execute("DROP ROLE IF EXISTS " + ident(role));
                }
            }
        }
    }

    static String ident(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected role name " + name);
        }
        return '"' + name + '"';
    }
}
