package org.bluegreen.cli.pair;

import java.util.Locale;

/** The two positions of a pair on the command line ({@code --blue}, {@code --green}). */
public enum Role {
    BLUE, GREEN;

    public Role other() {
        return this == BLUE ? GREEN : BLUE;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
