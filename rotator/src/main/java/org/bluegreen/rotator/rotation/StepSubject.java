package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.PairConfig;

/**
 * What a step is about, as far as it got: the secret (ARN and name, once DescribeSecret answered), and the app and
 * slot (once its configuration resolved). Any of them is null while unknown.
 *
 * @param app the pointer parameter: one per app, whatever its secrets are called
 */
public record StepSubject(String secretArn, String secretName, String app, String slot) {

    /** Before anything is read: the event's {@code SecretId}, which Secrets Manager sends as the ARN. */
    public static StepSubject of(String secretId) {
        boolean arn = secretId != null && secretId.startsWith("arn:");
        return new StepSubject(arn ? secretId : null, arn ? null : secretId, null, null);
    }

    StepSubject named(SecretMetadata meta) {
        return new StepSubject(meta.arn(), meta.name(), app, slot);
    }

    StepSubject configured(PairConfig pair) {
        return new StepSubject(secretArn, secretName, pair.pointerParameter(), pair.slot());
    }

    /** The secret's name if known, else its ARN: for messages. */
    public String secret() {
        return secretName != null ? secretName : secretArn;
    }
}
