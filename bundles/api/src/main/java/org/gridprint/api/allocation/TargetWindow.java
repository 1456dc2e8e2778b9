package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * One target's exact share of one accounting window (the unit tariffs, demand charges and job splits work on).
 * Amounts in the emission ledger's units: energy in nano-kWh, CO2e in micrograms.
 */
public record TargetWindow(String target, Instant start, Instant end, long energyNano, long locationCo2eMicrograms,
        long marketCo2eMicrograms, long recCoveredNano) {

    public TargetWindow {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
