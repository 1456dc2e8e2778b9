package org.gridprint.api.allocation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A utility bill: the parent of a differential audit and the energy source for periods without meters.
 *
 * @param siteId    the site billed
 * @param account   the supplier's account or meter number (with {@code supplier} and {@code from}: the bill's identity)
 * @param supplier  who issued it
 * @param from      first day billed (inclusive, the site's time zone)
 * @param to        last day billed (inclusive)
 * @param kwh       energy billed, kWh, >= 0 (exact decimal as printed)
 * @param cost      amount billed in {@code currency}, may be zero when not known
 * @param currency  ISO 4217 code, e.g. USD
 */
public record UtilityBill(String siteId, String account, String supplier, LocalDate from, LocalDate to, BigDecimal kwh,
        BigDecimal cost, String currency) {

    public UtilityBill {
        Objects.requireNonNull(siteId, "siteId");
        account = account == null ? "" : account;
        supplier = supplier == null ? "" : supplier;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kwh, "kwh");
        cost = cost == null ? BigDecimal.ZERO : cost;
        currency = currency == null ? "" : currency;
    }
}
