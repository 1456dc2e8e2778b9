package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Production jobs' energy and Scope 2 emissions in {@code [from, to)}: per job (by start), per product and per
 * machine (with its idle part), all from the machines' emission windows whose start lies in the period.
 *
 * @param factorRefs     the factor versions (register {@code factor} refs) of the windows behind the figures, sorted:
 *                       with them every CO2e figure can be recomputed (value, source and edition)
 * @param instrumentRefs the instruments (register {@code instrument} refs) of the market-based windows, sorted
 * @param computedAt     when the report was computed (running jobs end there at the latest)
 */
public record JobReport(Instant from, Instant to, List<JobEnergy> jobs, List<ProductEnergy> products,
        List<MachineEnergy> machines, List<Long> factorRefs, List<Long> instrumentRefs, Instant computedAt) {

    public JobReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        jobs = List.copyOf(jobs);
        products = List.copyOf(products);
        machines = List.copyOf(machines);
        factorRefs = factorRefs == null ? List.of() : List.copyOf(factorRefs);
        instrumentRefs = instrumentRefs == null ? List.of() : List.copyOf(instrumentRefs);
        Objects.requireNonNull(computedAt, "computedAt");
    }
}
