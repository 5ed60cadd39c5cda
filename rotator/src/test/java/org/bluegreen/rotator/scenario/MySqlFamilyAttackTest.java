package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.RecordingDatabaseServer;

import java.io.IOException;
import java.sql.SQLException;

/** The attacks of issue 9 against the MySQL-family test server (see {@link MySqlFamilyTestDatabase}). */
class MySqlFamilyAttackTest extends AttackScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new MySqlFamilyTestDatabase();
    }

    @Override
    RecordingDatabaseServer newForgedServer() throws IOException {
        return RecordingDatabaseServer.mysql();
    }

    @Override
    String lockOutSql(String user) {
        return "ALTER USER '" + user + "'@'" + MySqlFamilyTestDatabase.ACCOUNT_HOST + "' ACCOUNT LOCK";
    }

    @Override
    int longestName() {
        return 32;
    }

    @Override
    String adminPowerNamed() {
        return "global CREATE USER";
    }
}
