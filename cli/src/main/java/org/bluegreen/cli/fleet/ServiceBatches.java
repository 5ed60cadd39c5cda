package org.bluegreen.cli.fleet;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.ServiceState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The services of many pairs, described cluster by cluster in calls of {@link EcsServices#DESCRIBE_BATCH}, each
 * service once however many pairs name it. A batch that fails (a missing service, say) is left out: the pairs it
 * would have served describe their own services, so the error names the right pair.
 */
final class ServiceBatches {

    private final Map<String, Map<String, ServiceState>> byCluster = new HashMap<>();

    public static ServiceBatches describe(PairReader reader, List<Pair> pairs) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (Pair p : pairs) {
            wanted.computeIfAbsent(p.cluster(), c -> new LinkedHashSet<>()).addAll(p.services());
        }
        ServiceBatches batches = new ServiceBatches();
        wanted.forEach((cluster, services) -> {
            List<String> all = new ArrayList<>(services);
            for (int from = 0; from < all.size(); from += EcsServices.DESCRIBE_BATCH) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + EcsServices.DESCRIBE_BATCH));
                try {
                    for (ServiceState s : reader.services(cluster, batch)) {
                        batches.byCluster.computeIfAbsent(cluster, c -> new HashMap<>()).put(s.name(), s);
                    }
                } catch (CliException e) {
                    // left to each pair's own DescribeServices
                }
            }
        });
        return batches;
    }

    /** The pair's services in its configured order, when every one of them was described. */
    public Optional<List<ServiceState>> of(Pair pair) {
        Map<String, ServiceState> described = byCluster.getOrDefault(pair.cluster(), Map.of());
        List<ServiceState> states = new ArrayList<>();
        for (String service : pair.services()) {
            ServiceState s = described.get(service.substring(service.lastIndexOf('/') + 1));
            if (s == null) {
                return Optional.empty();
            }
            states.add(s);
        }
        return Optional.of(states);
    }
}
