package org.bluegreen.rotator.config;

/** The function's environment or a secret's tags are missing something, or say something that makes no sense. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
