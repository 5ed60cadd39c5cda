package org.bluegreen.rotator.config;

import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Everything the rotation needs to know about one secret of a blue/green pair: the function's environment,
 * overridden by the secret's {@code bluegreen:*} tags so that one deployed function can serve several apps.
 *
 * @param slot the value the pointer holds while the app uses this secret
 */
public record PairConfig(String slot, String pointerParameter, String cluster, List<String> services,
                         String activeSecret) {

    public static final String TAG_SLOT = "bluegreen:slot";
    public static final String TAG_POINTER = "bluegreen:pointer-parameter";
    public static final String TAG_CLUSTER = "bluegreen:cluster";
    public static final String TAG_SERVICES = "bluegreen:services";
    public static final String TAG_ACTIVE_SECRET = "bluegreen:active-secret";

    public static PairConfig resolve(FunctionSettings env, String secretName, Map<String, String> tags) {
        String slot = firstOf(tags.get(TAG_SLOT), secretName);
        String pointer = firstOf(tags.get(TAG_POINTER), env.pointerParameter());
        String cluster = firstOf(tags.get(TAG_CLUSTER), env.cluster());
        List<String> services = tags.containsKey(TAG_SERVICES)
                ? FunctionSettings.split(tags.get(TAG_SERVICES), "\\s+")
                : env.services();
        String activeSecret = firstOf(tags.get(TAG_ACTIVE_SECRET), env.activeSecret());

        String where = "secret " + quote(secretName);
        if (pointer == null) {
            throw new ConfigurationException(where + ": no pointer parameter: set POINTER_PARAMETER or tag " + TAG_POINTER);
        }
        if (cluster == null) {
            throw new ConfigurationException(where + ": no ECS cluster: set ECS_CLUSTER or tag " + TAG_CLUSTER);
        }
        if (services.isEmpty()) {
            throw new ConfigurationException(where + ": no ECS services: set ECS_SERVICES or tag " + TAG_SERVICES);
        }
        return new PairConfig(slot, pointer, cluster, services, activeSecret);
    }

    private static String firstOf(String tagValue, String fallback) {
        String t = FunctionSettings.blankToNull(tagValue);
        return t != null ? t : fallback;
    }
}
