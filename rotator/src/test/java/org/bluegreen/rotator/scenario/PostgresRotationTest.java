package org.bluegreen.rotator.scenario;

import java.sql.SQLException;

/** The rotation scenarios against a private PostgreSQL that enforces scram-sha-256 passwords over TCP. */
class PostgresRotationTest extends RotationScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new PostgresTestDatabase();
    }

    @Override
    String hostileUserName() {
        return "blue\"; DROP ROLE app; --'" + org.bluegreen.testkit.db.DbNames.unique("x");
    }
}
