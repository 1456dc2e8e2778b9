package org.gridprint.allocation.virtual;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.WindowFlag;

/**
 * Applies a {@link Formula} to the input windows of one start, scope and method. Energy, CO2e and the
 * certificate-covered part combine linearly with the formula's coefficients, each rounded half-even once to the
 * integer unit (nano-kWh, µg) — exact when every coefficient is an integer. Rules:
 * <ul>
 * <li>an input without a window, with one that is not counted (unaccepted SUSPECT_SPIKE) or with another end (another
 * window grid) makes the result {@link WindowResult.Missing};</li>
 * <li>energy below 0 is {@link WindowResult.Negative}, never stored;</li>
 * <li>with energy >= 0, a negative CO2e is clamped to 0 and the covered part to {@code [0, energy]} (both said in
 * {@code clamped});</li>
 * <li>flags: VIRTUAL plus the inputs' flags that describe how they were measured or priced (not SUSPECT_SPIKE,
 * ACCEPTED, GHOST_LOAD); quality the worst input's; first/last reading the inputs' earliest/latest; factor and
 * instrument refs kept when every input that has one has the same, else 0 (the inputs' windows name them).</li>
 * </ul>
 */
public final class WindowFormula {

    private static final Set<WindowFlag> NOT_CARRIED = EnumSet.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.ACCEPTED,
            WindowFlag.GHOST_LOAD, WindowFlag.VIRTUAL);

    private WindowFormula() {
    }

    /**
     * @param inputs the input windows of this start, scope and method by input (absent: none held)
     */
    public static WindowResult apply(String virtualId, String siteId, Formula formula,
            Map<Formula.Input, EmissionWindow> inputs, Instant computedAt) {
        var missing = new ArrayList<String>();
        EmissionWindow first = null;
        for (var input : formula.terms().keySet()) {
            var w = inputs.get(input);
            if (w == null) {
                missing.add(input.meterId() + " (no window)");
            } else if (!w.counted()) {
                missing.add(input.meterId() + " (SUSPECT_SPIKE, not accepted)");
            } else if (first == null) {
                first = w;
            } else if (!w.start().equals(first.start()) || !w.end().equals(first.end())) {
                missing.add(input.meterId() + " (window " + w.start() + " .. " + w.end() + " on another grid)");
            }
        }
        if (!missing.isEmpty()) {
            return new WindowResult.Missing(missing);
        }
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal co2e = BigDecimal.ZERO;
        BigDecimal covered = BigDecimal.ZERO;
        Quality quality = Quality.GOOD;
        var flags = EnumSet.of(WindowFlag.VIRTUAL);
        Instant firstReading = null;
        Instant lastReading = null;
        long factorRef = -1;
        long instrumentRef = -1;
        for (var term : formula.terms().entrySet()) {
            var w = inputs.get(term.getKey());
            var c = term.getValue();
            amount = amount.add(c.multiply(BigDecimal.valueOf(w.amountNano())));
            co2e = co2e.add(c.multiply(BigDecimal.valueOf(w.co2eMicrograms())));
            covered = covered.add(c.multiply(BigDecimal.valueOf(w.coveredNano())));
            quality = quality.worst(w.quality());
            for (var f : w.flags()) {
                if (!NOT_CARRIED.contains(f)) {
                    flags.add(f);
                }
            }
            firstReading = firstReading == null || w.firstReading().isBefore(firstReading) ? w.firstReading()
                    : firstReading;
            lastReading = lastReading == null || w.lastReading().isAfter(lastReading) ? w.lastReading() : lastReading;
            factorRef = merge(factorRef, w.factorRef());
            instrumentRef = merge(instrumentRef, w.instrumentRef());
        }
        long amountNano = amount.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        if (amountNano < 0) {
            return new WindowResult.Negative(amountNano);
        }
        long co2eUg = co2e.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        long coveredNano = covered.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        var clamped = new ArrayList<String>();
        if (co2eUg < 0) {
            clamped.add("CO2e " + co2eUg + " ug to 0");
            co2eUg = 0;
        }
        if (coveredNano < 0) {
            clamped.add("covered " + coveredNano + " nano to 0");
            coveredNano = 0;
        } else if (coveredNano > amountNano) {
            clamped.add("covered " + coveredNano + " nano to the amount " + amountNano);
            coveredNano = amountNano;
        }
        var w = new EmissionWindow(virtualId, siteId, first.quantity(), first.scope(), first.method(), first.start(),
                first.end(), amountNano, co2eUg, Math.max(factorRef, 0), coveredNano == 0 ? 0 : Math.max(instrumentRef, 0),
                coveredNano, quality, flags, firstReading, lastReading, 1, computedAt);
        return new WindowResult.Computed(w, String.join(", ", clamped));
    }

    /** -1: none seen yet; 0: mixed (or none); else the one ref every input that has one shares. */
    private static long merge(long acc, long ref) {
        if (ref == 0) {
            return acc;
        }
        if (acc == -1) {
            return ref;
        }
        return acc == ref ? acc : 0;
    }

    /** The formula's inputs as a list, for messages. */
    static List<String> names(Formula f) {
        return f.terms().keySet().stream().map(Formula.Input::meterId).toList();
    }
}
