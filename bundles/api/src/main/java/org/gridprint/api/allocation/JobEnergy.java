package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * One production job's share of its machine's energy and Scope 2 emissions in a report period: the machine's
 * windows split pro rata by the time the job ran in each window (overlapping jobs share the overlapping time
 * equally), by largest remainder at the nano-kWh and the microgram, so that the jobs and the machine's idle time add
 * up to the machine's windows exactly.
 *
 * @param start                  the job's start stamp
 * @param end                    its stop stamp, or (running) the end used: the report's end or now, the earlier
 * @param running                true while the job has no stop stamp
 * @param quantity               units produced (its stop stamp; 0 when unknown or running)
 * @param sharedMillis           of the job's time in the period, how much it shared its machine with other jobs
 * @param energyNano             energy, nano-kWh
 * @param locationCo2eMicrograms location-based Scope 2, µg CO2e
 * @param marketCo2eMicrograms   market-based Scope 2, µg CO2e
 * @param windows                how many of the machine's windows the job touched in the period
 */
public record JobEnergy(String jobId, String machine, String product, Instant start, Instant end, boolean running,
        double quantity, long sharedMillis, long energyNano, long locationCo2eMicrograms, long marketCo2eMicrograms,
        int windows) {

    public JobEnergy {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(machine, "machine");
        product = product == null ? "" : product;
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
