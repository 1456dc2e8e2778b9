package org.gridprint.api.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a cost-recovery bill. {@code amount} is {@code quantity x rate} rounded once, half-up, to the
 * currency's minor unit (TAX: the percentage of the sum of the rounded lines above it; TOTAL: the sum of the rounded
 * lines, not rounded again).
 *
 * @param label       ENERGY: the time-of-use band ({@code standard} outside every band); DEMAND: {@code demand};
 *                    FIXED: {@code fixed charge}; TAX: {@code tax}; TOTAL: {@code total}
 * @param quantity    kWh (ENERGY), peak kW (DEMAND), 1 (FIXED), the taxed sum (TAX), 0 (TOTAL)
 * @param unit        {@code kWh}, {@code kW}, {@code bill}, the currency (TAX) or empty
 * @param rate        per unit (TAX: percent)
 * @param windowFrom  first window start behind the line (DEMAND: the peak window's), empty for FIXED/TAX/TOTAL
 * @param windowTo    last window end behind the line
 * @param windows     number of allocation windows behind the line
 */
public record CostBillLine(Kind kind, String label, BigDecimal quantity, String unit, BigDecimal rate,
        BigDecimal amount, Optional<Instant> windowFrom, Optional<Instant> windowTo, int windows) {

    public enum Kind { ENERGY, DEMAND, FIXED, TAX, TOTAL }

    public CostBillLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(quantity, "quantity");
        unit = unit == null ? "" : unit;
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(amount, "amount");
        windowFrom = windowFrom == null ? Optional.empty() : windowFrom;
        windowTo = windowTo == null ? Optional.empty() : windowTo;
    }
}
