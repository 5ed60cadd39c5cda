package org.bluegreen.cli.pair;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.cli.CliException;
import org.bluegreen.rotator.config.PairConfig;

import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** Both slots of a pair whose configurations agree on the pointer, cluster and services. */
public record Pair(Slot blue, Slot green) {

    /** The pair of two slots, refused with the reason when their configurations disagree. */
    public static Pair of(Slot blue, Slot green) {
        disagreement(blue, green).ifPresent(problem -> {
            throw new CliException("not a pair: " + problem);
        });
        return new Pair(blue, green);
    }

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

    /** True when both names lead to one secret (a name and its ARN, or the same name twice). */
    public static boolean sameSecret(SecretMetadata blue, SecretMetadata green) {
        return blue.arn().equals(green.arn());
    }

    /**
     * Why two configurations cannot form a pair, or empty when they agree. Each rotation reads its own secret's tags,
     * so blue and green must resolve to the same pointer, cluster and services, and to different slots.
     */
    public static Optional<String> disagreement(Slot blue, Slot green) {
        PairConfig b = blue.config();
        PairConfig g = green.config();
        if (sameSecret(blue.meta(), green.meta())) {
            return Optional.of("--blue and --green name the same secret, " + blue.arn()
                    + ": give each option its own slot's secret");
        }
        if (b.slot().equals(g.slot())) {
            return Optional.of("both secrets are slot " + quote(b.slot()) + ": give them different " + PairConfig.TAG_SLOT + " tags");
        }
        if (!b.pointerParameter().equals(g.pointerParameter())) {
            return Optional.of("the secrets name different pointers (" + quote(b.pointerParameter()) + " for " + blue.name()
                    + ", " + quote(g.pointerParameter()) + " for " + green.name() + ")");
        }
        if (!b.cluster().equals(g.cluster())) {
            return Optional.of("the secrets name different ECS clusters (" + quote(b.cluster()) + " for " + blue.name()
                    + ", " + quote(g.cluster()) + " for " + green.name() + ")");
        }
        if (!b.services().equals(g.services())) {
            return Optional.of("the secrets name different ECS services (" + b.services().stream().map(s -> quote(s)).toList() + " for " + blue.name()
                    + ", " + g.services().stream().map(s -> quote(s)).toList() + " for " + green.name() + ")");
        }
        return Optional.empty();
    }
}
