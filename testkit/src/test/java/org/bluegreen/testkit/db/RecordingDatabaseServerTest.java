package org.bluegreen.testkit.db;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording servers catch what a client sends: a test that relies on them seeing nothing can fail. */
class RecordingDatabaseServerTest {

    private static final String PASSWORD = "Pw-caught-" + System.nanoTime();

    @Test
    void postgresGetsTheCleartextPasswordFromAClientWithoutTls() throws Exception {
        try (RecordingDatabaseServer server = RecordingDatabaseServer.postgres()) {
            SQLException e = assertThrows(SQLException.class, () -> postgres(server, "disable"));
            assertEquals("28P01", e.getSQLState());
            assertEquals(1, server.connections().size());
            assertEquals("victim", server.connections().get(0).user());
            assertTrue(server.received(PASSWORD), "the password arrived in clear text");
        }
    }

    @Test
    void postgresGetsNothingFromAClientThatRequiresTls() throws Exception {
        try (RecordingDatabaseServer server = RecordingDatabaseServer.postgres()) {
            assertThrows(SQLException.class, () -> postgres(server, "require"));
            assertFalse(server.received(PASSWORD));
            assertFalse(server.received("victim"), "not even the user name");
            assertNull(server.connections().get(0).user());
        }
    }

    @Test
    void mysqlGetsTheUserAndAuthDataFromAClientWithoutTls() throws Exception {
        try (RecordingDatabaseServer server = RecordingDatabaseServer.mysql()) {
            assertThrows(SQLException.class, () -> mysql(server, "DISABLED"));
            assertEquals("victim", server.connections().get(0).user());
        }
    }

    @Test
    void mysqlGetsNothingFromAClientThatRequiresTls() throws Exception {
        try (RecordingDatabaseServer server = RecordingDatabaseServer.mysql()) {
            assertThrows(SQLException.class, () -> mysql(server, "REQUIRED"));
            assertFalse(server.received(PASSWORD));
            assertFalse(server.received("victim"));
        }
    }

    private static void postgres(RecordingDatabaseServer server, String sslMode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "victim");
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", sslMode);
        p.setProperty("connectTimeout", "5");
        DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/app", p).close();
    }

    private static void mysql(RecordingDatabaseServer server, String sslMode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "victim");
        p.setProperty("password", PASSWORD);
        p.setProperty("sslMode", sslMode);
        p.setProperty("connectTimeout", "5000");
        p.setProperty("allowPublicKeyRetrieval", "true");
        DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port() + "/app", p).close();
    }
}
