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

    /** A pair setting the rotation cannot do without: the environment variable that gives it, and the tag that overrides it. */
    public enum Setting {
        POINTER("pointer parameter", "POINTER_PARAMETER", TAG_POINTER),
        CLUSTER("ECS cluster", "ECS_CLUSTER", TAG_CLUSTER),
        SERVICES("ECS services", "ECS_SERVICES", TAG_SERVICES);

        private final String what;
        private final String variable;
        private final String tag;

        Setting(String what, String variable, String tag) {
            this.what = what;
            this.variable = variable;
            this.tag = tag;
        }

        public String what() {
            return what;
        }

        /** The function's environment variable, which the template writes. */
        public String variable() {
            return variable;
        }

        public String tag() {
            return tag;
        }
    }

    public static PairConfig resolve(FunctionSettings env, String secretName, Map<String, String> tags) {
        String slot = firstOf(tags.get(TAG_SLOT), secretName);
        String pointer = firstOf(tags.get(TAG_POINTER), env.pointerParameter());
        String cluster = firstOf(tags.get(TAG_CLUSTER), env.cluster());
        List<String> services = tags.containsKey(TAG_SERVICES)
                ? FunctionSettings.split(tags.get(TAG_SERVICES), "\\s+")
                : env.services();
        String activeSecret = firstOf(tags.get(TAG_ACTIVE_SECRET), env.activeSecret());

        Setting missing = pointer == null ? Setting.POINTER : cluster == null ? Setting.CLUSTER
                : services.isEmpty() ? Setting.SERVICES : null;
        if (missing != null) {
            throw new ConfigurationException("secret " + quote(secretName) + ": no " + missing.what() + ": set " + missing.variable()
                    + " or tag " + missing.tag(), missing);
        }
        return new PairConfig(slot, pointer, cluster, services, activeSecret);
    }

    private static String firstOf(String tagValue, String fallback) {
        String t = FunctionSettings.blankToNull(tagValue);
        return t != null ? t : fallback;
    }
}
