package org.bluegreen.stack;

import java.util.List;

/**
 * The IAM actions the rotation function's own policy must grant: no more, no less.
 *
 * <p>For now written from the contract (docs/deployment.md, "What the function calls"). It is meant to be
 * replaced by the operations a full rotation actually calls against the testkit's AWS fakes, recorded in a
 * test; keep the two KMS actions in that case: Secrets Manager performs them with the function's credentials
 * (kms:ViaService) when the secrets use a customer-managed key, so no fake ever sees them.
 */
final class RotatorIamActions {

    private RotatorIamActions() {
    }

    static final List<String> EXPECTED = List.of(
            // the two slot secrets (and the optional active copy, the admin secret)
            "secretsmanager:DescribeSecret",
            "secretsmanager:GetSecretValue",
            "secretsmanager:PutSecretValue",
            "secretsmanager:UpdateSecretVersionStage",
            "secretsmanager:GetRandomPassword",
            // the pointer
            "ssm:GetParameter",
            "ssm:PutParameter",
            // the app's services
            "ecs:DescribeServices",
            "ecs:UpdateService",
            // customer-managed key, on the function's behalf, through Secrets Manager only
            "kms:Decrypt",
            "kms:GenerateDataKey");
}
