package org.bluegreen.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.rotator.scenario.PairSnapshot;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code recover} runs the rotation's write rules before it plans a write: a rotation of blue was interrupted after
 * createSecret (AWSPENDING holds a new password the database does not have), then someone with only PutSecretValue
 * rewrote blue's AWSCURRENT to name the admin's own user. Recover would otherwise take AWSPENDING off and leave the
 * forged value current; it refuses with the rotation's reason, exits 1 and changes nothing (admin mode, real
 * PostgreSQL).
 */
class RecoverForgedSecretTest extends AbstractPairCliTest {

    @Override
    PairCli newPair() throws SQLException {
        return PairCli.adminMode();
    }

    @Test
    void aForgedAwsCurrentBlocksRecoveryWithTheRotationsReason() throws Exception {
        String blue = pair.password(pair.blueArn, "AWSCURRENT");
        pair.faults.crashAtNext("setSecret");
        assertThrows(RuntimeException.class, () -> pair.rotateSecret(pair.blueArn));
        Map<String, Object> value = new LinkedHashMap<>(JSON.std.mapFrom(pair.secretString(pair.blueArn, null, "AWSCURRENT")));
        value.put("username", pair.adminUser);
        String forged = JSON.std.asString(value);
        pair.secrets.putSecretValue(b -> b.secretId(pair.blueArn).secretString(forged));
        pair.clock.advance(Duration.ofMinutes(30));
        PairSnapshot before = PairSnapshot.of(pair);

        PairCli.Run run = cli.pairCommand("recover", "--yes");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("blue: PROTECTED_USER: refused: AWSCURRENT of secret '" + BlueGreenPair.BLUE_SECRET
                + "' names user '" + pair.adminUser + "', the admin's own user (masterarn)"), run.out());
        assertTrue(run.out().contains("Nothing changed: resolve what blocks the recovery first."), run.out());
        assertEquals(List.of(), run.writes());
        assertEquals(before, PairSnapshot.of(pair));
        assertTrue(pair.db.logsIn(pair.adminUser, pair.adminPassword));
        assertTrue(pair.db.logsIn(pair.blueUser, blue));
        assertTrue(pair.db.logsIn(pair.greenUser, pair.password(pair.greenArn, "AWSCURRENT")));

        // The reason as a field, the way a script reads it, not out of the sentence above.
        PairCli.Run json = cli.pairCommand("recover", "--yes", "--json");
        assertEquals(1, json.exit(), json.out() + json.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refusals = (List<Map<String, Object>>) json.json().get("refusals");
        assertEquals(List.of(Refusal.Reason.PROTECTED_USER.name()), refusals.stream().map(r -> r.get("reason")).toList(), json.out());
        assertEquals(List.of(), json.writes());
        assertEquals(before, PairSnapshot.of(pair));
    }
}
