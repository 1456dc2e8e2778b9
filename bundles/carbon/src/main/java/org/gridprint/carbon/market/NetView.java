package org.gridprint.carbon.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import org.gridprint.api.carbon.Offset;

/**
 * The separate net view: gross emissions of a period minus the offsets retired in it. Offsets are never subtracted
 * from any scope; this is the only place they meet the inventory, and it says so. Pure; for the console.
 */
public final class NetView {

    /**
     * @param grossKg   the inventory's gross CO2e of the period, kg (as the totals gave it)
     * @param offsetsKg tonnes of the offsets retired in the period, as kg
     * @param netKg     gross − offsets (may be negative: over-offset)
     * @param serials   the offsets counted
     */
    public record Line(LocalDate from, LocalDate to, BigDecimal grossKg, BigDecimal offsetsKg, BigDecimal netKg,
            List<String> serials) {
    }

    private NetView() {
    }

    /**
     * The net line of {@code [from, to)} (retirement dates, in the reporting zone's calendar) for one site ("" or
     * null: offsets of every site) from the gross micrograms of the same period.
     */
    public static Line of(LocalDate from, LocalDate to, long grossMicrograms, List<Offset> offsets, String siteId) {
        var gross = BigDecimal.valueOf(grossMicrograms).movePointLeft(9);
        var sum = BigDecimal.ZERO;
        var serials = new java.util.ArrayList<String>();
        for (var o : offsets) {
            boolean inPeriod = !o.retiredOn().isBefore(from) && o.retiredOn().isBefore(to);
            boolean forSite = siteId == null || siteId.isEmpty() || o.siteId() == null || o.siteId().isEmpty()
                    || o.siteId().equals(siteId);
            if (inPeriod && forSite) {
                sum = sum.add(o.tonnesCo2e().multiply(BigDecimal.valueOf(1000)));
                serials.add(o.serial());
            }
        }
        return new Line(from, to, gross, sum, gross.subtract(sum).setScale(Math.max(gross.scale(), sum.scale()),
                RoundingMode.UNNECESSARY), List.copyOf(serials));
    }
}
