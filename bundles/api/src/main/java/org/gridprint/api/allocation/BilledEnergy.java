package org.gridprint.api.allocation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A site's energy in {@code [from, to)} (days in the site's time zone) as its utility bills state it: each bill
 * overlapping the period contributes its kWh pro rata by days (billed days overlapping / days billed), the source
 * for periods without meters.
 *
 * @param kwh   the parts added up, kWh (exact decimal, 6 places)
 * @param parts one per overlapping bill, by bill start
 */
public record BilledEnergy(String siteId, LocalDate from, LocalDate to, BigDecimal kwh, List<Part> parts) {

    /**
     * @param days     days of the bill inside the period
     * @param billDays days the bill covers ({@code to - from + 1})
     * @param kwh      {@code bill kWh x days / billDays}, rounded half-up to 6 places (the Wh to three decimals)
     */
    public record Part(UtilityBillRecord bill, long days, long billDays, BigDecimal kwh) {
        public Part {
            Objects.requireNonNull(bill, "bill");
            Objects.requireNonNull(kwh, "kwh");
        }
    }

    public BilledEnergy {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kwh, "kwh");
        parts = List.copyOf(parts);
    }
}
