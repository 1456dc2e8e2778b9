package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Production jobs from start/stop stamps. Stamps are kept in a ledgered register: the same stamp again is a duplicate,
 * a stamp for an unknown machine, a stop before its start or a second start of a job id is refused with its reason,
 * and the other stamps of the batch are kept.
 */
@ProviderType
public interface JobService {

    /** Largest number of stamps in one call. */
    int MAX_BATCH = 10_000;

    SubmitReport submit(List<JobStamp> stamps);

    /**
     * Parses a CSV file of stamps (header {@code machine,job,kind,at,product,quantity}; {@code at} ISO-8601 with
     * offset) and submits its lines; a bad line is refused by its line number, the others are kept.
     */
    SubmitReport submitCsv(String fileName, java.io.Reader csv);

    /** Jobs that started before {@code to} and ended (or are still open) after {@code from}, by start. */
    List<Job> jobs(Instant from, Instant to);
}
