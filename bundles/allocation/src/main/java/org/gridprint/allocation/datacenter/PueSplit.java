package org.gridprint.allocation.datacenter;

import org.gridprint.allocation.rounding.LargestRemainder;

/**
 * One accounting window's split of the facility to the targets (tenants and the unassigned IT, ordered by name):
 * <ul>
 * <li>overhead {@code O = facility - IT} (IT: every target's IT energy) is split by IT share with
 * {@link LargestRemainder#split}; each target's total is its IT plus its overhead, so the totals add up to the
 * facility exactly. PUE of the window = facility / IT.</li>
 * <li>When the IT meters read more than the facility (PUE below 1) the missing part {@code IT - facility} is split the
 * same way and taken off: the overheads are negative, the totals still add up to the facility (a finding).</li>
 * <li>Location- and market-based CO2e of the facility window and its certificate-covered energy are split with the
 * same IT weights.</li>
 * <li>A window without IT energy gives everything to the unassigned target ({@code unassigned} index).</li>
 * </ul>
 */
final class PueSplit {

    /** Exact parts per target: energy nano-kWh, CO2e µg. */
    record Parts(long[] it, long[] overhead, long[] total, long[] location, long[] market, long[] rec) {
    }

    private PueSplit() {
    }

    static Parts split(long facility, long location, long market, long rec, long[] it, int unassigned) {
        int n = it.length;
        long itSum = 0;
        for (long v : it) {
            itSum = Math.addExact(itSum, v);
        }
        var overhead = new long[n];
        var total = new long[n];
        long[] loc;
        long[] mkt;
        long[] covered;
        if (itSum == 0) {
            loc = new long[n];
            mkt = new long[n];
            covered = new long[n];
            overhead[unassigned] = facility;
            total[unassigned] = facility;
            loc[unassigned] = location;
            mkt[unassigned] = market;
            covered[unassigned] = rec;
            return new Parts(it.clone(), overhead, total, loc, mkt, covered);
        }
        long o = facility - itSum;
        long[] share = LargestRemainder.split(Math.abs(o), it);
        for (int i = 0; i < n; i++) {
            overhead[i] = o >= 0 ? share[i] : -share[i];
            total[i] = it[i] + overhead[i];
        }
        loc = LargestRemainder.split(location, it);
        mkt = LargestRemainder.split(market, it);
        covered = LargestRemainder.split(rec, it);
        return new Parts(it.clone(), overhead, total, loc, mkt, covered);
    }
}
