package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.SQLException;

/** A fresh pair for each test, and the CLI to run against it; subclasses may start from another pair. */
abstract class AbstractPairCliTest {

    PairCli cli;
    BlueGreenPair pair;

    /** The pair each test starts from: self-service, in the shared PostgreSQL. */
    PairCli newPair() throws SQLException {
        return PairCli.selfService();
    }

    @BeforeEach
    void newPairForTheTest() throws SQLException {
        cli = newPair();
        pair = cli.pair;
    }

    @AfterEach
    void closeThePair() throws SQLException {
        if (cli != null) { // null when newPair() was skipped or failed
            cli.close();
        }
    }
}
