package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;

import java.sql.SQLException;

/** The rotation scenarios on a MySQL-family server: engines {@code mysql}, {@code mariadb} and {@code aurora-mysql} share one engine class. */
abstract class MySqlFamilyScenarios extends RotationScenarios {

    /** Quotes of every kind, a backslash and a comment, within MySQL's 32 characters for a user name. */
    @Override
    String hostileUserName() {
        return "b'\"`\\;-- " + DbNames.unique("x");
    }

    @Override
    String loopbackClientHost(TestDatabase db) throws SQLException {
        return ((MySqlFamilyTestDatabase) db).loopbackClientHost();
    }
}
