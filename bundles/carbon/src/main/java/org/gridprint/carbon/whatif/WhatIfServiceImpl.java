package org.gridprint.carbon.whatif;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.ProviderStatus;
import org.gridprint.api.carbon.WhatIfService;
import org.gridprint.api.store.IntensityStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Carbon-aware scheduling from the site's stored forecasts (never the network). The series: the first-ranked
 * provider offering a MARGINAL forecast that covers {@code [now, now + within)}, else the first-ranked AVERAGE one
 * (the answer names which, and why a marginal one was not used). Where a provider holds no forecast for a period,
 * its stored values fill in ({@link IntensityStore#intensity}: the current period's actual, or a file series of
 * expected values), and the answer says how many. Candidate starts: {@code now} and every value start
 * of the series in {@code (now, now + within − duration]} (the series' resolution). CO2e of a start = load kW ×
 * Σ overlap hours × g/kWh of each value, summed exactly and rounded once to milligrams (HALF_EVEN). The lowest wins;
 * on a tie, the earliest.
 */
@Component(service = WhatIfService.class, immediate = true)
public class WhatIfServiceImpl implements WhatIfService {

    /** Longest horizon asked for. */
    public static final Duration MAX_WITHIN = Duration.ofDays(14);
    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    private final IntensityService intensity;
    private final IntensityStore store;

    @Activate
    public WhatIfServiceImpl(@Reference IntensityService intensity, @Reference IntensityStore store) {
        this.intensity = intensity;
        this.store = store;
    }

    @Override
    public Answer whatIf(String siteId, BigDecimal loadKw, Duration duration, Duration within, Instant now) {
        check(siteId, loadKw, duration, within);
        var providers = intensity.providers(siteId);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("site '" + siteId + "' has no grid-intensity provider; configure one"
                    + " with a forecast (org.gridprint.carbon.intensity.*) for the what-if");
        }
        var order = new ArrayList<>(providers);
        order.sort(Comparator.comparing((ProviderStatus p) -> p.signal() == IntensitySignal.MARGINAL ? 0 : 1)
                .thenComparingInt(ProviderStatus::rank));
        var horizonEnd = now.plus(within);
        var notes = new ArrayList<String>();
        for (var p : order) {
            var from = now.minus(Duration.ofDays(1));
            var points = store.forecast(p.provider(), p.region(), p.signal(), from, horizonEnd);
            var gap = coverageGap(points, now, horizonEnd);
            int held = 0;
            if (gap != null) {
                // where no forecast is held, the provider's stored values (an actual for the current period, a file
                // series of expected values) fill in, and the answer says how many
                var merged = new ArrayList<>(points);
                var starts = new java.util.HashSet<Instant>();
                points.forEach(x -> starts.add(x.start()));
                for (var x : store.intensity(p.provider(), p.region(), p.signal(), from, horizonEnd)) {
                    if (starts.add(x.start())) {
                        merged.add(x);
                        if (x.end().isAfter(now) && x.start().isBefore(horizonEnd)) {
                            held++;
                        }
                    }
                }
                if (coverageGap(merged, now, horizonEnd) != null) {
                    notes.add(p.signal() + " forecast of '" + p.provider() + "' (region " + p.region() + ") " + gap);
                    continue;
                }
                points = merged;
            }
            return answer(siteId, p, points, held, loadKw, duration, within, now, notes);
        }
        throw new IllegalArgumentException("site '" + siteId + "': no stored forecast covers " + now + " .. "
                + horizonEnd + ": " + String.join("; ", notes));
    }

    private Answer answer(String siteId, ProviderStatus p, List<IntensityPoint> all, int held, BigDecimal loadKw,
            Duration duration, Duration within, Instant now, List<String> notes) {
        var horizonEnd = now.plus(within);
        var points = all.stream().filter(x -> x.end().isAfter(now) && x.start().isBefore(horizonEnd))
                .sorted(Comparator.comparing(IntensityPoint::start)).toList();
        var grams = new BigDecimal[points.size()];
        for (int i = 0; i < points.size(); i++) {
            var x = points.get(i);
            grams[i] = x.value().multiply(ForecastUnits.toGramsPerKwh(x.unit(), p.provider()));
        }
        var lastStart = horizonEnd.minus(duration);
        Instant best = now;
        BigDecimal bestGrams = co2e(points, grams, now, duration, loadKw);
        var gramsNow = bestGrams;
        for (var x : points) {
            var s = x.start();
            if (!s.isAfter(now) || s.isAfter(lastStart)) {
                continue;
            }
            var g = co2e(points, grams, s, duration, loadKw);
            if (g.compareTo(bestGrams) < 0) {
                best = s;
                bestGrams = g;
            }
        }
        Duration resolution = points.stream().map(x -> Duration.between(x.start(), x.end())).min(Duration::compareTo)
                .orElse(Duration.ZERO);
        var first = points.get(0);
        var basis = new StringBuilder();
        basis.append(p.signal()).append(" forecast of provider '").append(p.provider()).append("' (").append(p.kind())
                .append(", region ").append(p.region());
        if (!first.model().isEmpty()) {
            basis.append(", model ").append(first.model());
        }
        basis.append(", issued ").append(first.issuedAt()).append("), ").append(points.size()).append(" values at ")
                .append(resolution.toMinutes()).append("-minute resolution in ").append(first.unit());
        if (held > 0) {
            basis.append("; ").append(held).append(" of them stored values that are not forecasts (the current"
                    + " period's actual, or a file series of expected values)");
        }
        if (p.signal() == IntensitySignal.AVERAGE) {
            basis.append("; average intensity (no marginal forecast covers the horizon)");
        }
        if (!notes.isEmpty()) {
            basis.append("; not used: ").append(String.join("; ", notes));
        }
        return new Answer(siteId, p.signal(), p.provider(), now, best, bestGrams, gramsNow,
                gramsNow.subtract(bestGrams), basis.toString());
    }

    /** CO2e in grams (3 decimals) of the load over {@code [start, start + duration)}. */
    private static BigDecimal co2e(List<IntensityPoint> points, BigDecimal[] grams, Instant start, Duration duration,
            BigDecimal loadKw) {
        long s = start.toEpochMilli();
        long e = s + duration.toMillis();
        var sum = BigDecimal.ZERO;
        for (int i = 0; i < points.size(); i++) {
            var x = points.get(i);
            long a = Math.max(s, x.start().toEpochMilli());
            long b = Math.min(e, x.end().toEpochMilli());
            if (b > a) {
                sum = sum.add(grams[i].multiply(BigDecimal.valueOf(b - a)));
            }
        }
        return sum.multiply(loadKw).divide(MS_PER_HOUR, 3, RoundingMode.HALF_EVEN);
    }

    /** Null if the points cover {@code [from, to)} without a gap, else what is missing. */
    static String coverageGap(List<IntensityPoint> points, Instant from, Instant to) {
        var sorted = points.stream().sorted(Comparator.comparing(IntensityPoint::start)).toList();
        var cursor = from;
        for (var x : sorted) {
            if (!x.end().isAfter(cursor)) {
                continue;
            }
            if (x.start().isAfter(cursor)) {
                return "has a gap from " + cursor + " to " + x.start();
            }
            cursor = x.end();
            if (!cursor.isBefore(to)) {
                return null;
            }
        }
        return sorted.isEmpty() ? "holds no values for the horizon" : "ends at " + cursor;
    }

    private static void check(String siteId, BigDecimal loadKw, Duration duration, Duration within) {
        if (siteId == null || siteId.isBlank()) {
            throw new IllegalArgumentException("site is empty; expected a configured site id");
        }
        if (loadKw == null || loadKw.signum() <= 0) {
            throw new IllegalArgumentException("load = " + (loadKw == null ? "missing" : loadKw.toPlainString() + " kW")
                    + "; expected a power > 0 kW, e.g. 50kW");
        }
        if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("duration = " + duration + "; expected at least 1 minute, e.g. 2h");
        }
        if (within == null || within.compareTo(duration) < 0) {
            throw new IllegalArgumentException("within = " + within + " is shorter than the duration " + duration
                    + "; expected a horizon at least as long as the load runs, e.g. 24h");
        }
        if (within.compareTo(MAX_WITHIN) > 0) {
            throw new IllegalArgumentException("within = " + within + " is longer than " + MAX_WITHIN.toDays()
                    + " days; forecasts do not reach that far");
        }
    }
}
