package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.MySqlFamilyServers;
import org.bluegreen.testkit.db.MySqlFamilyTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;

import java.sql.SQLException;

/** Every forged-secret case of {@link BootstrapForgedSecretTest} on a private, password-checking MariaDB. */
class BootstrapForgedSecretOnMariaDbTest extends BootstrapForgedSecretTest {

    @Override
    TestDatabase newDatabase() throws SQLException {
        return new MySqlFamilyTestDatabase(MySqlFamilyServers.mariaDb());
    }
}
