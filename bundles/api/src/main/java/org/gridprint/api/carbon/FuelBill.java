package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A fuel bill as entered by an operator (Scope 1 without a fuel meter): what was billed for a site, fuel and period.
 *
 * @param siteId    the site (an {@code org.gridprint.carbon.site} id)
 * @param reference the supplier's bill or invoice number, unique per site ({@code INV-2024-01}); letters, digits and
 *                  {@code . _ - : #}, at most 100 characters
 * @param fuel      {@code natural_gas}, {@code diesel}, {@code propane}, {@code fuel_oil} or {@code propane_gas}
 * @param from      period start (inclusive): a date {@code yyyy-MM-dd} (midnight in the site's time zone), a local
 *                  date-time {@code yyyy-MM-ddTHH:mm} (site's zone) or an instant ({@code 2024-01-01T08:00:00Z},
 *                  {@code 2024-01-01T00:00-08:00})
 * @param to        period end (exclusive), same forms: a January bill is {@code 2024-01-01} .. {@code 2024-02-01}
 * @param quantity  the billed quantity, &gt; 0
 * @param unit      as billed: {@code therm}, {@code mmBtu}, {@code scf}, {@code ccf}, {@code Mcf}, {@code m3},
 *                  {@code gal} (US), {@code l}
 * @param supplier  who billed it (free text, one line, may be empty)
 * @since 1.2.0
 */
public record FuelBill(String siteId, String reference, String fuel, String from, String to, BigDecimal quantity,
        String unit, String supplier) {
    public FuelBill {
        siteId = siteId == null ? "" : siteId.trim();
        reference = reference == null ? "" : reference.trim();
        fuel = fuel == null ? "" : fuel.trim();
        from = from == null ? "" : from.trim();
        to = to == null ? "" : to.trim();
        Objects.requireNonNull(quantity, "quantity");
        unit = unit == null ? "" : unit.trim();
        supplier = supplier == null ? "" : supplier.trim();
    }
}
