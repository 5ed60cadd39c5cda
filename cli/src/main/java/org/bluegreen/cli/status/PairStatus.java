package org.bluegreen.cli.status;

import org.bluegreen.cli.aws.LabelledVersion;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code status} shows, read at one moment. No secret values: only names, labels, dates and states.
 * The pointer and the services are optional so that a broken part does not hide the rest.
 *
 * @param pointerError why the pointer could not be read, or null
 * @param servicesError why the services could not be described, or null
 */
public record PairStatus(Instant readAt, Pair pair, List<SecretStatus> secrets,
                         PointerState pointer, String pointerError,
                         List<ServiceState> services, String servicesError) {

    /** One secret: its rotation configuration and its labelled versions. */
    public record SecretStatus(Slot slot, RotationSchedule rotation, List<LabelledVersion> versions) {
    }

    /** The slot the pointer names, if it names one of the two. */
    public Optional<Slot> live() {
        return pointer == null ? Optional.empty() : pair.named(pointer.slot());
    }

    public boolean complete() {
        return pointerError == null && servicesError == null;
    }
}
