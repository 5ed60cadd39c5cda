package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;

import java.sql.SQLException;

/**
 * The rotation scenarios against the tests' MySQL-family server: a private MariaDB from the machine's binaries
 * (TLS off), or the server {@code MYSQL_HOST}/{@code MYSQL_PORT} name. Fails, does not skip, when there is none.
 */
class MySqlFamilyRotationTest extends MySqlFamilyScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new MySqlFamilyTestDatabase();
    }
}
