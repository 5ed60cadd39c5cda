package org.bluegreen.cli;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.PairSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Day one, in the order docs/deployment.md gives: the stack's schedules run Secrets Manager's configuration test on
 * a pair whose users were never bootstrapped (in both forms AWS may use), it passes and writes nothing; bootstrap
 * makes both users log in with their secrets; the first rotation (of the slot the app does not use) follows.
 */
class NewPairTest {

    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void configurationTestThenBootstrapThenTheFirstRotation(boolean adminMode) throws Exception {
        try (PairCli cli = adminMode ? PairCli.adminMode() : PairCli.selfService()) {
            BlueGreenPair p = cli.pair;
            BootstrapTest.neverBootstrapped(p);

            for (String arn : List.of(p.blueArn, p.greenArn)) {
                PairSnapshot before = PairSnapshot.of(p);
                p.secrets.rotateSecret(b -> b.secretId(arn).rotateImmediately(false)); // pending = a copy of AWSCURRENT
                assertEquals(before, PairSnapshot.of(p), "the configuration test writes nothing");
                String token = p.startRotation(arn); // the other form: an empty pending version
                before = PairSnapshot.of(p);
                p.step("testSecret", arn, token);
                assertEquals(before, PairSnapshot.of(p), "the configuration test writes nothing");
                p.secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSPENDING").removeFromVersionId(token));
            }
            assertTrue(p.log().contains("run the operator CLI's `bootstrap`"), p.log());

            PairCli.Run bootstrap = cli.pairCommand("bootstrap", "--yes");
            if (adminMode) {
                assertEquals(0, bootstrap.exit(), bootstrap.out() + bootstrap.err());
            } else {
                assertEquals(1, bootstrap.exit(), bootstrap.out());
                assertTrue(bootstrap.out().contains("\\password " + p.blueUser), bootstrap.out());
                // What the printed psql \password does: the user gets its secret's password.
                p.db.setPassword(p.blueUser, p.password(p.blueArn, "AWSCURRENT"));
                p.db.setPassword(p.greenUser, p.password(p.greenArn, "AWSCURRENT"));
                assertEquals(0, cli.pairCommand("bootstrap").exit());
            }
            String blue = p.password(p.blueArn, "AWSCURRENT");
            assertTrue(p.db.logsIn(p.blueUser, blue));
            assertTrue(p.db.logsIn(p.greenUser, p.password(p.greenArn, "AWSCURRENT")));

            BootstrapTest.redeployTheServicesOnce(p);
            p.rotateSecret(p.blueArn);
            String rotated = p.password(p.blueArn, "AWSCURRENT");
            assertFalse(p.db.logsIn(p.blueUser, blue), "the first rotation replaced blue's password");
            assertTrue(p.db.logsIn(p.blueUser, rotated));
            assertEquals("blue", p.pointer().value());
            p.leaks.assertNoneIn(p.log(), "the rotation log");
        }
    }
}
