package org.bluegreen.stack;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IAM actions the rotation function's policy must grant, no more and no less: every AWS operation the rotator
 * actually calls during real rotations against the testkit's fakes (self-service with the active-secret copy and
 * the configuration test of {@code RotateImmediately=false}; admin mode), plus the two KMS actions that Secrets
 * Manager performs with the function's credentials when the secrets use a customer-managed key, which no fake sees.
 */
final class RotatorIamActions {

    private static final List<String> KMS_VIA_SECRETS_MANAGER = List.of("kms:Decrypt", "kms:GenerateDataKey");

    private RotatorIamActions() {
    }

    static Set<String> recorded() throws Exception {
        Set<String> actions = new TreeSet<>(KMS_VIA_SECRETS_MANAGER);
        try (BlueGreenPair p = BlueGreenPair.selfService(new PostgresTestDatabase())) {
            p.withActiveSecret();
            clearCalls(p);
            p.step("testSecret", p.blueArn, p.startRotation(p.blueArn));
            p.rotate(p.blueArn);
            actions.addAll(calls(p));
        }
        try (BlueGreenPair p = BlueGreenPair.adminMode(new PostgresTestDatabase())) {
            clearCalls(p);
            p.rotate(p.blueArn);
            actions.addAll(calls(p));
        }
        return actions;
    }

    private static void clearCalls(BlueGreenPair p) {
        p.secrets.clearCalls();
        p.ssm.clearCalls();
        p.ecs.clearCalls();
    }

    private static Set<String> calls(BlueGreenPair p) {
        Set<String> actions = new TreeSet<>();
        p.secrets.calls().forEach(op -> actions.add("secretsmanager:" + op));
        p.ssm.calls().forEach(op -> actions.add("ssm:" + op));
        p.ecs.calls().forEach(op -> actions.add("ecs:" + op));
        return actions;
    }
}
