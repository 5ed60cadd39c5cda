package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;

import java.sql.SQLException;

/**
 * The scenarios on Oracle's MySQL without Docker: {@code mysqld} from the root {@code BLUEGREEN_MYSQL_ROOT} names,
 * through chroot (see {@link ProviderScenarios}).
 */
class MySqlRotationTest extends MySqlFamilyScenarios {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return ProviderScenarios.database(
                () -> new MySqlFamilyTestDatabase(TestServers.mySql(TestServers.Provider.LOCAL)));
    }
}
