package org.bluegreen.rotator.aws;

import java.time.Instant;

/** The pointer parameter: the slot the app uses now, and when that last changed. */
public record PointerState(String name, String slot, long version, Instant lastModified) {
}
