package org.gridprint.api.allocation;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * kWh and CO2e (location- and market-based Scope 2) per production job, product and machine, from the machines'
 * emission windows and the job stamps of {@link JobService}. Computed on request from the current windows.
 */
@ProviderType
public interface JobReportService {

    /**
     * @throws IllegalArgumentException {@code to} not after {@code from}
     * @throws IllegalStateException    the window store is not available (the message says what is missing)
     */
    JobReport report(Instant from, Instant to);
}
