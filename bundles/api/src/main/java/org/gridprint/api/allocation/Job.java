package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A production job as its stamps describe it; {@code stop} is empty while the job runs. */
public record Job(String jobId, String machine, String product, Instant start, Optional<Instant> stop,
        double quantity) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(machine, "machine");
        product = product == null ? "" : product;
        Objects.requireNonNull(start, "start");
        stop = stop == null ? Optional.empty() : stop;
    }
}
