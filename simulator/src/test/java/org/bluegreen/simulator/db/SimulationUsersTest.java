package org.bluegreen.simulator.db;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.secret.DbSecret;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The family-independent part of a run's users, on a stand-in server. */
class SimulationUsersTest {

    /** A server of no family: logins succeed unless {@code checksPasswords} and the password is not the one set. */
    private static final class StandInServer implements DatabaseServer {
        final boolean checksPasswords;
        final List<String> log = new ArrayList<>();
        String password;

        StandInServer(boolean checksPasswords) {
            this.checksPasswords = checksPasswords;
        }

        @Override public String host() { return "db.internal"; }
        @Override public int port() { return 1234; }
        @Override public String database() { return "app"; }
        @Override public boolean tls() { return true; }
        @Override public String engine() { return "mariadb"; }
        @Override public String describe() { return "stand-in"; }
        @Override public String passwordCheckAdvice() { return "ADVICE"; }
        @Override public void close() { }

        @Override
        public void createUser(String name, String password) {
            log.add("create " + name);
            this.password = password;
        }

        @Override
        public void dropUser(String name) {
            log.add("drop " + name);
        }

        @Override
        public Connection login(DbSecret secret, String applicationName) throws SQLException {
            if (checksPasswords && !secret.password().equals(password)) {
                throw new SQLException("denied", "28000", 1045);
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> null);
        }

        @Override
        public boolean isRejectedLogin(SQLException e) {
            return e.getErrorCode() == 1045;
        }
    }

    private static DbSecret secretOf(SimulationUsers users, String user, String password) throws Exception {
        return DbSecret.parse(JSON.std.asString(users.secretValue(user, password)), "test");
    }

    @Test
    void aServerThatLetsAWrongPasswordInIsRefusedWithTheFamilysAdvice() throws Exception {
        StandInServer lax = new StandInServer(false);
        SimulationUsers users = new SimulationUsers(lax);
        String password = SimulationUsers.newPassword();
        users.create("bgsim_x_blue", password);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> users.requirePasswordCheck("bgsim_x_blue", secretOf(users, "bgsim_x_blue", password)));
        assertTrue(e.getMessage().contains("let user 'bgsim_x_blue' in with a wrong password: ADVICE"), e.getMessage());
    }

    @Test
    void aServerThatChecksPasswordsPassesAndEveryUserMadeIsDroppedAtTheEnd() throws Exception {
        StandInServer strict = new StandInServer(true);
        try (SimulationUsers users = new SimulationUsers(strict)) {
            String password = SimulationUsers.newPassword();
            users.create("bgsim_x_blue", password);
            DbSecret secret = secretOf(users, "bgsim_x_blue", password);
            assertEquals("mariadb", secret.engine());
            assertEquals("app", secret.dbname());
            users.requirePasswordCheck("bgsim_x_blue", secret);
            users.create("bgsim_x_green", SimulationUsers.newPassword());
        }
        assertEquals(List.of("create bgsim_x_blue", "create bgsim_x_green", "drop bgsim_x_blue", "drop bgsim_x_green"),
                strict.log);
    }
}
