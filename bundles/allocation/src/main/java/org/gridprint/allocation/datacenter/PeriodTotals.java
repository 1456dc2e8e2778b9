package org.gridprint.allocation.datacenter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.allocation.rounding.LargestRemainder;
import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.TenantStatement;

/**
 * Exact sums per target over a period's windows, rounded at the end with {@link LargestRemainder#round} so that the
 * targets' lines add up to the facility line exactly: total energy and IT energy to the Wh (the overhead is their
 * difference per target), CO2e of both methods to the gram, certificate-covered energy to the Wh.
 */
final class PeriodTotals {

    static final long NANO_PER_WH = 1_000_000L;
    static final long MICROGRAMS_PER_GRAM = 1_000_000L;

    private final List<String> targets;
    private final long[] it;
    private final long[] estimated;
    private final long[] total;
    private final long[] location;
    private final long[] market;
    private final long[] rec;

    PeriodTotals(List<String> targets) {
        this.targets = List.copyOf(targets);
        int n = targets.size();
        it = new long[n];
        estimated = new long[n];
        total = new long[n];
        location = new long[n];
        market = new long[n];
        rec = new long[n];
    }

    void add(PueSplit.Parts parts, long[] estimatedIt) {
        for (int i = 0; i < targets.size(); i++) {
            it[i] = Math.addExact(it[i], parts.it()[i]);
            estimated[i] = Math.addExact(estimated[i], estimatedIt[i]);
            total[i] = Math.addExact(total[i], parts.total()[i]);
            location[i] = Math.addExact(location[i], parts.location()[i]);
            market[i] = Math.addExact(market[i], parts.market()[i]);
            rec[i] = Math.addExact(rec[i], parts.rec()[i]);
        }
    }

    /** One line per target (in target order), then the facility line (their sums). */
    List<StatementLine> lines() {
        var totalWh = LargestRemainder.round(total, NANO_PER_WH);
        var itWh = LargestRemainder.round(it, NANO_PER_WH);
        var estWh = LargestRemainder.round(estimated, NANO_PER_WH);
        var locG = LargestRemainder.round(location, MICROGRAMS_PER_GRAM);
        var mktG = LargestRemainder.round(market, MICROGRAMS_PER_GRAM);
        var recWh = LargestRemainder.round(rec, NANO_PER_WH);
        var out = new ArrayList<StatementLine>(targets.size() + 1);
        long[] sum = new long[7];
        long itExact = 0;
        long totalExact = 0;
        for (int i = 0; i < targets.size(); i++) {
            long est = Math.min(estWh[i], itWh[i]);
            out.add(new StatementLine(targets.get(i), itWh[i], est, totalWh[i] - itWh[i], totalWh[i], locG[i], mktG[i],
                    recWh[i], pue(total[i], it[i])));
            sum[0] += itWh[i];
            sum[1] += est;
            sum[2] += totalWh[i] - itWh[i];
            sum[3] += totalWh[i];
            sum[4] += locG[i];
            sum[5] += mktG[i];
            sum[6] += recWh[i];
            itExact += it[i];
            totalExact += total[i];
        }
        out.add(new StatementLine(TenantStatement.FACILITY, sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6],
                pue(totalExact, itExact)));
        return out;
    }

    /** total / IT to 3 decimals (half even), empty without IT energy. */
    static Optional<BigDecimal> pue(long totalNano, long itNano) {
        if (itNano <= 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(totalNano).divide(BigDecimal.valueOf(itNano), 3, RoundingMode.HALF_EVEN));
    }
}
