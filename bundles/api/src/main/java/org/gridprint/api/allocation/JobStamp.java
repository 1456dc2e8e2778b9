package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * A production-job start or stop stamp from a console, a CSV file, MQTT or the HTTPS API.
 *
 * @param machine  the machine's meter id (a declared meter; its energy is the job's)
 * @param jobId    the job id, unique per installation
 * @param kind     START or STOP
 * @param at       when the job started or stopped (UTC)
 * @param product  product made (START; may be empty on STOP)
 * @param quantity units produced (STOP; 0 when not known, START ignores it)
 * @param source   where the stamp came from (e.g. {@code console:alice}, {@code mqtt:line-2}, {@code file:jobs.csv})
 */
public record JobStamp(String machine, String jobId, Kind kind, Instant at, String product, double quantity,
        String source) {

    public enum Kind { START, STOP }

    public JobStamp {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        product = product == null ? "" : product;
        source = source == null ? "" : source;
    }
}
