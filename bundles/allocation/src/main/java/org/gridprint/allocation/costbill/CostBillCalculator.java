package org.gridprint.allocation.costbill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import org.gridprint.allocation.tariff.Tariff;
import org.gridprint.api.allocation.CostBillLine;
import org.gridprint.api.allocation.CostBillLine.Kind;
import org.gridprint.api.allocation.TargetWindow;

/**
 * Prices one target's allocation windows with a tariff. Pure.
 * <p>
 * <b>Lines.</b> ENERGY: one per time-of-use band that has windows (tariff order, {@code standard} last): the
 * windows' exact energy (nano-kWh, shown as kWh with 9 decimals) x the band's rate. DEMAND (when the tariff has a
 * demand charge): the target's peak window power, window kWh / window hours, to 9 decimals (the earliest window on
 * ties) x the rate per kW. FIXED: 1 bill x the fixed charge. TAX: the sum of the rounded lines above x the
 * percentage / 100. TOTAL: the sum of the rounded lines.
 * <p>
 * <b>Rounding.</b> Each line's amount is computed exactly and rounded once, half-up, to the currency's minor unit
 * (2 decimals for USD and EUR, 0 for JPY); the total is the sum of the rounded lines, so the bill adds up to the cent
 * as printed.
 */
public final class CostBillCalculator {

    private static final BigDecimal NANO = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CostBillCalculator() {
    }

    /** The currency's minor digits (2 when unknown). */
    public static int minorDigits(String currency) {
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    public static List<CostBillLine> lines(Tariff tariff, ZoneId zone, List<TargetWindow> windows) {
        int digits = minorDigits(tariff.currency());
        var lines = new ArrayList<CostBillLine>();
        // energy by band, in the tariff's band order, standard last
        var byBand = new LinkedHashMap<String, Acc>();
        for (var b : tariff.bands()) {
            byBand.put(b.name(), new Acc(b.rate()));
        }
        byBand.put(Tariff.STANDARD, new Acc(tariff.flatRate()));
        for (var w : windows) {
            var band = tariff.bandAt(w.start(), zone);
            byBand.get(band.name()).add(w);
        }
        var subtotal = BigDecimal.ZERO;
        for (var e : byBand.entrySet()) {
            var a = e.getValue();
            if (a.windows == 0) {
                continue;
            }
            var kwh = BigDecimal.valueOf(a.energyNano, 9);
            var amount = kwh.multiply(a.rate).setScale(digits, RoundingMode.HALF_UP);
            subtotal = subtotal.add(amount);
            lines.add(new CostBillLine(Kind.ENERGY, e.getKey(), kwh, "kWh", a.rate, amount, Optional.of(a.first),
                    Optional.of(a.last), a.windows));
        }
        if (tariff.demandCharge().signum() > 0 && !windows.isEmpty()) {
            TargetWindow peak = null;
            BigDecimal peakKw = null;
            for (var w : windows) {
                var kw = kw(w);
                if (peakKw == null || kw.compareTo(peakKw) > 0
                        || kw.compareTo(peakKw) == 0 && w.start().isBefore(peak.start())) {
                    peak = w;
                    peakKw = kw;
                }
            }
            var amount = peakKw.multiply(tariff.demandCharge()).setScale(digits, RoundingMode.HALF_UP);
            subtotal = subtotal.add(amount);
            lines.add(new CostBillLine(Kind.DEMAND, "demand", peakKw, "kW", tariff.demandCharge(), amount,
                    Optional.of(peak.start()), Optional.of(peak.end()), 1));
        }
        if (tariff.fixedCharge().signum() > 0) {
            var amount = tariff.fixedCharge().setScale(digits, RoundingMode.HALF_UP);
            subtotal = subtotal.add(amount);
            lines.add(new CostBillLine(Kind.FIXED, "fixed charge", BigDecimal.ONE, "bill", tariff.fixedCharge(),
                    amount, Optional.empty(), Optional.empty(), 0));
        }
        var total = subtotal;
        if (tariff.taxPercent().signum() > 0) {
            var tax = subtotal.multiply(tariff.taxPercent()).divide(HUNDRED).setScale(digits, RoundingMode.HALF_UP);
            total = total.add(tax);
            lines.add(new CostBillLine(Kind.TAX, "tax", subtotal, tariff.currency(), tariff.taxPercent(), tax,
                    Optional.empty(), Optional.empty(), 0));
        }
        lines.add(new CostBillLine(Kind.TOTAL, "total", BigDecimal.ZERO, "", BigDecimal.ZERO,
                total.setScale(digits, RoundingMode.UNNECESSARY), Optional.empty(), Optional.empty(),
                windows.size()));
        return lines;
    }

    /** A window's mean power, kW, to 9 decimals: kWh / hours. */
    static BigDecimal kw(TargetWindow w) {
        long millis = Duration.between(w.start(), w.end()).toMillis();
        return BigDecimal.valueOf(w.energyNano()).multiply(BigDecimal.valueOf(3_600_000L))
                .divide(NANO.multiply(BigDecimal.valueOf(millis)), 9, RoundingMode.HALF_UP);
    }

    private static final class Acc {
        final BigDecimal rate;
        long energyNano;
        int windows;
        Instant first;
        Instant last;

        Acc(BigDecimal rate) {
            this.rate = rate;
        }

        void add(TargetWindow w) {
            energyNano += w.energyNano();
            windows++;
            if (first == null || w.start().isBefore(first)) {
                first = w.start();
            }
            if (last == null || w.end().isAfter(last)) {
                last = w.end();
            }
        }
    }
}
