package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * One accounting window of a tenant statement, exact in the emission ledger's units (energy nano-kWh, CO2e µg), so
 * that an auditor can recompute the split: {@code tenantTotal = facility × tenantIt / it} by largest remainder.
 *
 * @param facilityNano      facility energy of the window (sum of the facility meters)
 * @param itNano            IT energy of every tenant and the unassigned IT meters
 * @param tenantItNano      the tenant's IT energy (measured plus estimated)
 * @param tenantEstimatedNano the estimated part of {@code tenantItNano} (server power models)
 * @param tenantOverheadNano the tenant's share of {@code facility - it} (negative when the IT exceeds the facility)
 * @param locationMicrograms the tenant's share of the facility window's location-based CO2e
 * @param marketMicrograms  the tenant's share of the facility window's market-based CO2e
 * @param recNano           the tenant's share of the certificate-covered facility energy
 * @since 1.0.0
 */
public record StatementWindow(Instant start, Instant end, long facilityNano, long itNano, long tenantItNano,
        long tenantEstimatedNano, long tenantOverheadNano, long locationMicrograms, long marketMicrograms,
        long recNano) {

    public StatementWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
