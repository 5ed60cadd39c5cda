package org.bluegreen.cli;

import java.sql.SQLException;

/**
 * Every {@link RecoverTest} case on a pair whose secrets name the admin secret ({@code masterarn}): the rotation
 * changes passwords and counts sessions as the admin, and recover must roll forward and back all the same.
 */
class AdminModeRecoverTest extends RecoverTest {

    @Override
    PairCli newPair() throws SQLException {
        return PairCli.adminMode();
    }
}
