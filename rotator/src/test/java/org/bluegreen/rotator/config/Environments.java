package org.bluegreen.rotator.config;

import java.util.HashMap;
import java.util.Map;

/** Function settings for fast tests: a base environment with some variables changed (a null value removes one). */
public final class Environments {

    private Environments() {
    }

    public static FunctionSettings settings(Map<String, String> base, String... nameValuePairs) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] == null) {
                env.remove(nameValuePairs[i]);
            } else {
                env.put(nameValuePairs[i], nameValuePairs[i + 1]);
            }
        }
        return FunctionSettings.fromEnvironment(env);
    }
}
