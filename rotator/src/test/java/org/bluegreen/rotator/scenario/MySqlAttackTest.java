package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.bluegreen.testkit.db.TestServers;

import java.sql.SQLException;

/** The attacks of issue 9 on Oracle's MySQL, where the machine has it (skipped with the reason otherwise, see {@link ProviderScenarios}). */
class MySqlAttackTest extends MySqlFamilyAttackTest {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return ProviderScenarios.database(
                () -> new MySqlFamilyTestDatabase(TestServers.mySql(TestServers.Provider.LOCAL)));
    }
}
