package org.bluegreen.rotator.config;

import java.util.Optional;

/** The function's environment or a secret's tags are missing something, or say something that makes no sense. */
public final class ConfigurationException extends RuntimeException {

    private final PairConfig.Setting missing;

    public ConfigurationException(String message) {
        this(message, null);
    }

    /** @param missing the pair setting neither the environment nor the tags give, so callers can say how to give it */
    ConfigurationException(String message, PairConfig.Setting missing) {
        super(message);
        this.missing = missing;
    }

    /** The pair setting that is missing, when that is the problem. */
    public Optional<PairConfig.Setting> missing() {
        return Optional.ofNullable(missing);
    }
}
