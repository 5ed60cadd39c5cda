package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.DbNames;

import java.sql.SQLException;

/**
 * The rotation scenarios against the MySQL-family server of this machine (MariaDB 10.11 on 127.0.0.1:3306), which
 * checks passwords: engines {@code mysql}, {@code mariadb} and {@code aurora-mysql} share one engine class.
 */
class MySqlFamilyRotationTest extends RotationScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new MySqlFamilyTestDatabase();
    }

    /** Quotes of every kind, a backslash and a comment, within MySQL's 32 characters for a user name. */
    @Override
    String hostileUserName() {
        return "b'\"`\\;-- " + DbNames.unique("x");
    }
}
