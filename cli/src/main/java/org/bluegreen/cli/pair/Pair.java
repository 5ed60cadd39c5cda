package org.bluegreen.cli.pair;

import org.bluegreen.rotator.config.FunctionSettings;

import java.util.List;
import java.util.Optional;

/**
 * Both slots of a pair that passed the rotation's own pair rule ({@link org.bluegreen.rotator.rotation.SlotPair}):
 * they name each other, differ in slot and user, and agree on the pointer, cluster, services and active secret.
 * Made only by {@link PairReader#pair}.
 */
public record Pair(Slot blue, Slot green) {

    public Slot get(Role role) {
        return role == Role.BLUE ? blue : green;
    }

    public List<Slot> slots() {
        return List.of(blue, green);
    }

    /** The slot the pointer value names, if it names one. */
    public Optional<Slot> named(String pointerValue) {
        return slots().stream().filter(s -> s.pointerValue().equals(pointerValue)).findFirst();
    }

    public String pointerParameter() {
        return blue.config().pointerParameter();
    }

    public String cluster() {
        return blue.config().cluster();
    }

    public List<String> services() {
        return blue.config().services();
    }

    /** The settings of the one function that rotates both slots. */
    public FunctionSettings settings() {
        return blue.settings();
    }
}
