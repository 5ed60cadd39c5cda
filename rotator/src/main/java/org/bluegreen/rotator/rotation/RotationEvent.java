package org.bluegreen.rotator.rotation;

import java.util.Map;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * One invocation by Secrets Manager.
 *
 * @param token         ClientRequestToken: the version id of the secret version being rotated in
 * @param rotationToken passed on to PutSecretValue when present; sensitive, never logged
 */
public record RotationEvent(Step step, String secretId, String token, String rotationToken) {

    public static RotationEvent fromMap(Map<String, ?> event) {
        Object step = event.get("Step");
        if (step == null) {
            throw new RotationException("the event has no 'Step'");
        }
        return new RotationEvent(Step.parse(step.toString()),
                required(event, "SecretId"), required(event, "ClientRequestToken"), optional(event, "RotationToken"));
    }

    private static String required(Map<String, ?> event, String key) {
        String v = optional(event, key);
        if (v == null) {
            throw new RotationException("the event has no " + quote(key));
        }
        return v;
    }

    private static String optional(Map<String, ?> event, String key) {
        Object v = event.get(key);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    @Override
    public String toString() {
        return "RotationEvent[step=" + step + ", secretId=" + secretId + ", token=" + token + "]";
    }
}
