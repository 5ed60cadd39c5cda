package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.RecordingDatabaseServer;
import org.bluegreen.testkit.db.TestDatabase;

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
        return "ALTER USER '" + user + "'@'%' ACCOUNT LOCK"; // the test database's users are 'name'@'%', as on RDS
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
