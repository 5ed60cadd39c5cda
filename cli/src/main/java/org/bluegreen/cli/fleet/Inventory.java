package org.bluegreen.cli.fleet;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.aws.SecretListing;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.config.SlotTags;
import org.bluegreen.rotator.rotation.SlotPair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * The pairs of an account and region, found as the rotation defines a pair: two secrets whose
 * {@code bluegreen:peer-secret} tags name each other. Each two are then checked as every command checks a pair (the
 * settings of the function that rotates them, the rotation's own pair rule, each one's configuration); anything that
 * does not make a pair is a {@link Problem}. Secrets with {@code bluegreen:*} tags but none of the slot tags (the
 * template's active-secret copy, tagged {@code bluegreen:role} and {@code bluegreen:app}) are not slots and are left
 * out.
 */
public record Inventory(List<FoundPair> pairs, List<Problem> problems) {

    /** Secrets that do not form a pair, and why. */
    public record Problem(List<String> secrets, String message) {
    }

    public static Inventory of(List<SecretListing> listings, PairReader reader) {
        return of(listings, (blue, green) -> new FoundPair(reader.pair(blue, green), blue, green));
    }

    /** @param pairUp the two listings as a pair, or a {@link CliException} that says why they are not one */
    static Inventory of(List<SecretListing> listings, BiFunction<SecretListing, SecretListing, FoundPair> pairUp) {
        List<SecretListing> slots = listings.stream()
                .filter(l -> !SlotTags.of(l.meta().tags()).equals(new SlotTags(null, null, null)))
                .sorted(Comparator.comparing((SecretListing l) -> String.valueOf(l.meta().tags().get(PairConfig.TAG_SLOT)))
                        .thenComparing(l -> l.meta().name()))
                .toList();
        List<FoundPair> pairs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (SecretListing secret : slots) {
            if (!done.add(secret.meta().arn())) {
                continue;
            }
            String name = secret.meta().name();
            SlotTags tags = SlotTags.of(secret.meta().tags());
            if (tags.missingTag() != null) {
                problems.add(new Problem(List.of(name), "secret " + quote(name) + " has no tag " + tags.missingTag()
                        + " (the template writes bluegreen:slot, bluegreen:username and bluegreen:peer-secret on both slot secrets)"));
                continue;
            }
            Optional<SecretListing> peer = slots.stream()
                    .filter(l -> !l.meta().arn().equals(secret.meta().arn()))
                    .filter(l -> SlotPair.identifies(tags.peer(), l.meta().arn(), l.meta().name()))
                    .findFirst();
            if (peer.isEmpty()) {
                problems.add(new Problem(List.of(name), "half a pair: secret " + quote(name) + " names " + quote(tags.peer())
                        + " as its peer (tag " + SlotTags.TAG_PEER + "), and no secret of that name has the slot tags"));
                continue;
            }
            SecretListing other = peer.get();
            String otherPeer = SlotTags.of(other.meta().tags()).peer();
            if (otherPeer == null || !SlotPair.identifies(otherPeer, secret.meta().arn(), name)) {
                problems.add(new Problem(List.of(name), "half a pair: secret " + quote(name) + " names " + quote(other.meta().name())
                        + " as its peer, which names " + (otherPeer == null ? "no peer" : quote(otherPeer))
                        + " (tag " + SlotTags.TAG_PEER + ")"));
                continue;
            }
            if (done.contains(other.meta().arn())) {
                problems.add(new Problem(List.of(name, other.meta().name()), "not a pair: secret " + quote(name) + " names "
                        + quote(tags.peer()) + " as its peer, which is already paired with another secret"));
                continue;
            }
            done.add(other.meta().arn());
            List<String> names = List.of(name, other.meta().name());
            try {
                pairs.add(pairUp.apply(secret, other));
            } catch (CliException e) {
                problems.add(new Problem(names, e.getMessage()));
            }
        }
        return new Inventory(List.copyOf(pairs), List.copyOf(problems));
    }
}
