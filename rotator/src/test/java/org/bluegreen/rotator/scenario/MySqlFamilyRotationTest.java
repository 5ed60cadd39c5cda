package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;

import java.sql.SQLException;

/**
 * The rotation scenarios against a MySQL-family server that checks passwords (engines {@code mysql},
 * {@code mariadb} and {@code aurora-mysql} share one engine class): run on MySQL and on MariaDB by
 * {@link MySqlFamilyOnMySqlRotationTest} and {@link MySqlFamilyOnMariaDbRotationTest}, which add what is about one
 * engine. Where the server has TLS (MySQL makes its own certificate), the secrets keep {@code ssl} on.
 */
abstract class MySqlFamilyRotationTest extends RotationScenarios {

    /** A new administration scope on the server these scenarios are about. */
    abstract MariaDbServer newServer();

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new MySqlFamilyTestDatabase(newServer());
    }

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
