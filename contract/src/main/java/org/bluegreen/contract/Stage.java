package org.bluegreen.contract;

/**
 * The staging labels Secrets Manager gives meaning to, defined once for the rotator and the testkit's fake. A secret
 * may carry other labels too; those stay plain strings.
 */
public enum Stage {
    CURRENT("AWSCURRENT"),
    PENDING("AWSPENDING"),
    PREVIOUS("AWSPREVIOUS");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The label as the API spells it. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
