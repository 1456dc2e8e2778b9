package org.gridprint.api.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A cost-recovery bill of one target (department, tenant) for one period, traceable: the tariff version it was
 * priced with, the allocation (and its rule version) whose windows it prices, and its own stored version (register
 * {@code cost-bill}, key {@code site/dimension/target/from/to}).
 *
 * @param from            period start (the first day's midnight in {@code zone})
 * @param to              period end, exclusive
 * @param lines           ENERGY lines by band, then DEMAND, FIXED, TAX and the TOTAL line last
 * @param total           the TOTAL line's amount
 * @param energyNano      the target's allocated energy in the period, nano-kWh
 * @param tariffRef       the register ref of the tariff version used ({@code tariff}, key tariff id)
 * @param allocationVersion the allocation's version (1, or more after recalculations)
 * @param ruleRef         the allocation rule version's register ref
 * @param billRef         this bill's register ref ({@code cost-bill})
 * @param billVersion     1 first, +1 when a computation gave different lines (a tariff or allocation changed)
 */
public record CostBill(String siteId, String dimension, String target, Instant from, Instant to, ZoneId zone,
        String currency, List<CostBillLine> lines, BigDecimal total, long energyNano, long locationCo2eMicrograms,
        long marketCo2eMicrograms, String tariffId, long tariffRef, int tariffVersion, int allocationVersion,
        long ruleRef, int ruleVersion, long billRef, int billVersion) {

    public CostBill {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(tariffId, "tariffId");
    }
}
