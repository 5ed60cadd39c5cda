package org.bluegreen.cli.fleet;

import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.config.ConfigurationException;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * The pairs of an account and region, found from the secrets' {@code bluegreen:*} tags: each secret's
 * configuration is resolved as its rotation would resolve it (tags, then the function's settings), and the
 * secrets that name the same pointer parameter are one app. Two secrets that agree make a pair; anything else is a
 * {@link Problem}.
 */
public record Inventory(List<FoundPair> pairs, List<Problem> problems) {

    /** Secrets that do not form a pair, and why. */
    public record Problem(List<String> secrets, String message) {
    }

    public static Inventory of(List<SecretListing> listings, FunctionSettings settings) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Slot>> byPointer = new TreeMap<>();
        for (SecretListing listing : listings) {
            try {
                PairConfig config = PairConfig.resolve(settings, listing.meta().name(), listing.meta().tags());
                // the role is settled below, once the pair's two slots are known
                byPointer.computeIfAbsent(config.pointerParameter(), k -> new ArrayList<>())
                        .add(new Slot(Role.BLUE, listing.meta(), config));
            } catch (ConfigurationException e) {
                problems.add(new Problem(List.of(listing.meta().name()), e.getMessage()));
            }
        }
        List<FoundPair> pairs = new ArrayList<>();
        for (Map.Entry<String, List<Slot>> app : byPointer.entrySet()) {
            List<Slot> slots = app.getValue().stream().sorted(Comparator.comparing(Slot::pointerValue).thenComparing(Slot::name)).toList();
            List<String> names = slots.stream().map(Slot::name).toList();
            if (slots.size() == 1) {
                problems.add(new Problem(names, "half a pair: secret " + quote(names.get(0)) + " (slot " + quote(slots.get(0).pointerValue())
                        + ") is the only secret for pointer " + quote(app.getKey()) + "; tag the other slot's secret alike"));
                continue;
            }
            if (slots.size() > 2) {
                problems.add(new Problem(names, names.size() + " secrets name pointer " + quote(app.getKey()) + " (" + String.join(", ", names)
                        + "): a pair has exactly two; give the extra ones their own " + PairConfig.TAG_POINTER));
                continue;
            }
            Slot blue = slots.get(0);
            Slot green = new Slot(Role.GREEN, slots.get(1).meta(), slots.get(1).config());
            var disagreement = Pair.disagreement(blue, green);
            if (disagreement.isPresent()) {
                problems.add(new Problem(names, "not a pair: " + disagreement.get()));
                continue;
            }
            pairs.add(new FoundPair(new Pair(blue, green), listing(listings, blue), listing(listings, green)));
        }
        return new Inventory(List.copyOf(pairs), List.copyOf(problems));
    }

    private static SecretListing listing(List<SecretListing> listings, Slot slot) {
        return listings.stream().filter(l -> l.meta().arn().equals(slot.arn())).findFirst().orElseThrow();
    }
}
