package org.bluegreen.simulator.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The strategies a run can put side by side, by their command-line names. */
public enum StrategyKind {
    BLUEGREEN("bluegreen"),
    SINGLE_USER("single-user"),
    MISFIRE("misfire");

    private final String id;

    StrategyKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether this strategy's rotations run our Lambda handler (and so write its log). */
    public boolean runsRotator() {
        return this != SINGLE_USER;
    }

    public Strategy create() {
        return switch (this) {
            case BLUEGREEN -> new BlueGreenStrategy();
            case SINGLE_USER -> new SingleUserStrategy();
            case MISFIRE -> new MisfireStrategy();
        };
    }

    public static StrategyKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(t)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown strategy '" + text + "' (known: "
                        + Arrays.stream(values()).map(StrategyKind::id).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
