package org.gridprint.allocation.datacenter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.allocation.ServerPowerModel;

/**
 * Estimated energy of one server per accounting window from its utilisation readings (%) and its type's power model.
 * A reading's utilisation holds from its timestamp until the next reading, but at most {@code gap}: beyond that the
 * server counts as down (no energy). Uptime is the time so covered. Energy per window = the integral of
 * {@code P(utilisation)} over the uptime inside the window, exact in W·ms and rounded once per window, half up, to
 * nano-kWh ({@code nano-kWh = W·ms / 3.6}). BAD readings and readings outside 0..100 % are skipped (counted).
 */
final class ServerEnergy {

    private static final BigDecimal MS_PER_NANO_KWH_AT_1W = new BigDecimal("3.6");

    /** Per-window energy, nano-kWh, and how much of the period the server was up, ms. */
    record Result(long[] nano, long uptimeMs, int skippedReadings) {
    }

    /** A window of the grid: {@code [start, end)}. */
    record Span(Instant start, Instant end) {
    }

    private ServerEnergy() {
    }

    /**
     * @param before   the last reading before the period, if any (it holds into the first window within the gap)
     * @param readings the readings of the period in time order
     * @param windows  the period's windows, in time order, not overlapping
     */
    static Result estimate(ServerPowerModel model, Optional<Reading> before, List<Reading> readings, long gapMs,
            List<Span> windows) {
        var usable = new ArrayList<Reading>(readings.size() + 1);
        int skipped = 0;
        var all = new ArrayList<Reading>(readings.size() + 1);
        before.ifPresent(all::add);
        all.addAll(readings);
        for (var r : all) {
            if (r.quality() == Quality.BAD || !(r.value() >= 0 && r.value() <= 100)) {
                skipped++;
                continue;
            }
            usable.add(r);
        }
        var sums = new BigDecimal[windows.size()];
        java.util.Arrays.fill(sums, BigDecimal.ZERO);
        long uptime = 0;
        int w = 0;
        for (int i = 0; i < usable.size(); i++) {
            var r = usable.get(i);
            long segStart = r.timestamp().toEpochMilli();
            long segEnd = segStart + gapMs;
            if (i + 1 < usable.size()) {
                segEnd = Math.min(segEnd, usable.get(i + 1).timestamp().toEpochMilli());
            }
            if (segEnd <= segStart) {
                continue;
            }
            var watts = model.watts(BigDecimal.valueOf(r.value()));
            while (w < windows.size() && windows.get(w).end().toEpochMilli() <= segStart) {
                w++;
            }
            for (int k = w; k < windows.size(); k++) {
                long ws = windows.get(k).start().toEpochMilli();
                long we = windows.get(k).end().toEpochMilli();
                if (ws >= segEnd) {
                    break;
                }
                long overlap = Math.min(we, segEnd) - Math.max(ws, segStart);
                if (overlap > 0) {
                    sums[k] = sums[k].add(watts.multiply(BigDecimal.valueOf(overlap)));
                    uptime += overlap;
                }
            }
        }
        var nano = new long[windows.size()];
        for (int k = 0; k < nano.length; k++) {
            nano[k] = sums[k].divide(MS_PER_NANO_KWH_AT_1W, 0, RoundingMode.HALF_UP).longValueExact();
        }
        return new Result(nano, uptime, skipped);
    }
}
