package org.bluegreen.rotator;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SnapStart priming hook, called the way Lambda calls it before the snapshot: it must reach neither AWS nor the
 * database, and the same handler must then rotate as if it had never run. (LambdaWayHandlerTest runs the hook with
 * the real SDK clients in a child JVM on the built jar.)
 */
class PrimingTest {

    @Test
    void primingCallsNoAwsServiceAndLeavesTheHandlerRotating() throws Exception {
        try (BlueGreenPair p = BlueGreenPair.selfService(new PostgresTestDatabase())) {
            RotationHandler handler = p.handler();
            p.secrets.clearCalls();
            p.ssm.clearCalls();
            p.ecs.clearCalls();

            handler.beforeCheckpoint(null);
            handler.afterRestore(null);

            // No Secrets Manager call means no secret value, so no database host, user or password either.
            assertEquals(List.of(), p.secrets.calls(), "priming called Secrets Manager");
            assertEquals(List.of(), p.ssm.calls(), "priming called SSM");
            assertEquals(List.of(), p.ecs.calls(), "priming called ECS");

            String before = p.password(p.blueArn, "AWSCURRENT");
            String token = p.startRotation(p.blueArn);
            for (String step : FakeSecretsManager.ROTATION_STEPS) {
                handler.handle(new HashMap<>(Map.of("Step", step, "SecretId", p.blueArn, "ClientRequestToken", token)));
            }

            String after = p.password(p.blueArn, "AWSCURRENT");
            assertNotEquals(before, after);
            assertFalse(p.db.logsIn(p.blueUser, before), "the old password must be rejected");
            assertTrue(p.db.logsIn(p.blueUser, after), "the new password must log in");
            assertEquals("blue", p.pointer().value());
            p.leaks.assertNoneIn(p.log(), "the handler's log");
        }
    }
}
