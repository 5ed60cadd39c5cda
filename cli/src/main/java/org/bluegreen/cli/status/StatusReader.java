package org.bluegreen.cli.status;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;

import java.time.Clock;
import java.util.List;

/** Gathers a {@link PairStatus}: the secrets must be readable; the pointer and services are reported if not. */
public final class StatusReader {

    private final PairReader reader;
    private final Clock clock;

    public StatusReader(PairReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public PairStatus read(String blueId, String greenId) {
        Pair pair = reader.pair(blueId, greenId);
        List<PairStatus.SecretStatus> secrets = pair.slots().stream()
                .map(this::secret)
                .toList();
        PointerState pointer = null;
        String pointerError = null;
        try {
            pointer = reader.pointer(pair.pointerParameter());
        } catch (CliException e) {
            pointerError = e.getMessage();
        }
        List<ServiceState> services = List.of();
        String servicesError = null;
        try {
            services = reader.services(pair.cluster(), pair.services());
        } catch (CliException e) {
            servicesError = e.getMessage();
        }
        return new PairStatus(clock.instant(), pair, secrets, pointer, pointerError, services, servicesError);
    }

    private PairStatus.SecretStatus secret(Slot slot) {
        return new PairStatus.SecretStatus(slot, slot.rotation(), reader.versions(slot.meta()));
    }
}
