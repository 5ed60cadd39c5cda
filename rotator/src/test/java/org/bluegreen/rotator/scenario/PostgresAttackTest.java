package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.db.RecordingDatabaseServer;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;

import java.io.IOException;
import java.sql.SQLException;

/** The attacks of issue 9 against a private PostgreSQL that enforces scram-sha-256 passwords. */
class PostgresAttackTest extends AttackScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new PostgresTestDatabase(TestServers.postgres(TestServers.Provider.LOCAL));
    }

    @Override
    RecordingDatabaseServer newForgedServer() throws IOException {
        return RecordingDatabaseServer.postgres();
    }

    @Override
    String lockOutSql(String user) {
        return "ALTER ROLE \"" + user + "\" NOLOGIN";
    }

    @Override
    int longestName() {
        return 63;
    }

    @Override
    String adminPowerNamed() {
        return "CREATEROLE";
    }
}
