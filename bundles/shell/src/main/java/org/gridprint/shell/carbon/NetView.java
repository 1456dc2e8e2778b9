package org.gridprint.shell.carbon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.carbon.Offset;

/**
 * The separate net view of {@code gridprint:offsets --net}: gross emissions of each inventory (Scope 1 + 2 + 3.3,
 * from the store's totals) beside the offsets retired in the period; the net figure is shown apart and never replaces
 * a scope total (GHG Protocol: offsets are reported separately from the inventory).
 */
public final class NetView {

    /** Gross micrograms of both inventories, offsets retired in the period. */
    public record Result(long locationMicrograms, long marketMicrograms, List<Offset> offsets, BigDecimal offsetTonnes) {

        /** Gross minus offsets in tonnes (may be negative: more retired than emitted). */
        public BigDecimal netLocationTonnes() {
            return tonnes(locationMicrograms).subtract(offsetTonnes);
        }

        public BigDecimal netMarketTonnes() {
            return tonnes(marketMicrograms).subtract(offsetTonnes);
        }
    }

    private NetView() {
    }

    /** Exact tonnes of micrograms (10^12 µg per t). */
    public static BigDecimal tonnes(long micrograms) {
        return BigDecimal.valueOf(micrograms, 12);
    }

    /**
     * @param from first day of the period (inclusive), {@code to} last day (exclusive), in the reporting zone
     * @param site only offsets retired for this site or for any site; empty: all
     */
    public static Result of(long locationMicrograms, long marketMicrograms, List<Offset> all, LocalDate from,
            LocalDate to, String site) {
        var inPeriod = new ArrayList<Offset>();
        var sum = BigDecimal.ZERO;
        for (var o : all) {
            if (o.retiredOn() == null || o.retiredOn().isBefore(from) || !o.retiredOn().isBefore(to)) {
                continue;
            }
            if (!site.isEmpty() && o.siteId() != null && !o.siteId().isEmpty() && !o.siteId().equals(site)) {
                continue;
            }
            inPeriod.add(o);
            sum = sum.add(o.tonnesCo2e());
        }
        return new Result(locationMicrograms, marketMicrograms, List.copyOf(inPeriod), sum);
    }

    /** The lines printed. */
    public static List<String> lines(Result r, String period) {
        var lines = new ArrayList<String>();
        lines.add("Net view " + period + " (offsets are reported apart; no scope total is reduced by them)");
        lines.add("  gross location-based (Scope 1 + 2 + 3.3): " + t(tonnes(r.locationMicrograms())) + " t CO2e");
        lines.add("  gross market-based   (Scope 1 + 2 + 3.3): " + t(tonnes(r.marketMicrograms())) + " t CO2e");
        lines.add("  offsets retired in the period: " + t(r.offsetTonnes()) + " t CO2e (" + r.offsets().size()
                + " offset" + (r.offsets().size() == 1 ? "" : "s") + ")");
        lines.add("  net location-based: " + t(r.netLocationTonnes()) + " t CO2e");
        lines.add("  net market-based:   " + t(r.netMarketTonnes()) + " t CO2e");
        return lines;
    }

    private static String t(BigDecimal tonnes) {
        return CarbonText.plain(tonnes.setScale(3, RoundingMode.HALF_EVEN));
    }
}
