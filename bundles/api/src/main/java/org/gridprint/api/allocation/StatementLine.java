package org.gridprint.api.allocation;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One target's figures of a statement period, rounded by largest remainder so that the lines of all tenants and
 * {@link TenantStatement#UNASSIGNED} add up to the facility line exactly: energy to the Wh, CO2e to the gram.
 *
 * @param target             a tenant, {@link TenantStatement#UNASSIGNED} or {@link TenantStatement#FACILITY}
 * @param itWh               IT energy (PDU/UPS meters plus estimated servers), Wh
 * @param estimatedItWh      the part of {@code itWh} estimated from server power models (ESTIMATED), Wh
 * @param overheadWh         facility overhead (cooling, losses) by IT share: {@code totalWh - itWh}, Wh; negative only
 *                           where the IT meters read more than the facility meters (PUE below 1: a finding)
 * @param totalWh            IT plus overhead: the target's share of the facility energy, Wh
 * @param locationCo2eGrams  its share of the facility's location-based Scope 2, g CO2e
 * @param marketCo2eGrams    its share of the facility's market-based Scope 2, g CO2e
 * @param recWh              its share of the facility energy covered by certificates (market-based windows), Wh
 * @param pue                energy-weighted PUE of the period ({@code totalWh / itWh}), empty without IT energy
 * @since 1.0.0
 */
public record StatementLine(String target, long itWh, long estimatedItWh, long overheadWh, long totalWh,
        long locationCo2eGrams, long marketCo2eGrams, long recWh, Optional<BigDecimal> pue) {

    public StatementLine {
        Objects.requireNonNull(target, "target");
        pue = pue == null ? Optional.empty() : pue;
    }
}
