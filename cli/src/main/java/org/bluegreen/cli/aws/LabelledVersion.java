package org.bluegreen.cli.aws;

import java.time.Instant;
import java.util.List;

/** One version of a secret as ListSecretVersionIds lists it: its id, labels and dates, never its value. */
public record LabelledVersion(String versionId, List<String> stages, Instant createdDate, Instant lastAccessedDate) {
}
