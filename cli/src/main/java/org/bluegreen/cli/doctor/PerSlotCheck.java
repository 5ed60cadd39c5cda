package org.bluegreen.cli.doctor;

import org.bluegreen.cli.pair.Role;

import java.util.Arrays;
import java.util.List;

/** A check that looks at each slot on its own and reports one result per slot. */
public interface PerSlotCheck extends Check {

    CheckResult check(Facts facts, Role role);

    @Override
    default List<CheckResult> run(Facts facts) {
        return Arrays.stream(Role.values()).map(role -> check(facts, role)).toList();
    }
}
