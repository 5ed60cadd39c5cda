package org.bluegreen.cli.fleet;

import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.aws.SecretListing;

import java.util.Objects;

/**
 * Two secrets found by their tags that form a pair, with what ListSecrets said of each. The pair is named by its
 * pointer parameter: one pointer per app, whatever the secrets are called.
 */
public record FoundPair(Pair pair, SecretListing blue, SecretListing green) {

    /** The app, as the operator and the metrics name it: the pointer parameter. */
    public String app() {
        return pair.pointerParameter();
    }

    public SecretListing listing(Role role) {
        return role == Role.BLUE ? blue : green;
    }

    public RotationSchedule rotation(Role role) {
        return listing(role).rotation();
    }

    public boolean sameFunction() {
        return blue.rotation().lambdaArn() != null && Objects.equals(blue.rotation().lambdaArn(), green.rotation().lambdaArn());
    }
}
