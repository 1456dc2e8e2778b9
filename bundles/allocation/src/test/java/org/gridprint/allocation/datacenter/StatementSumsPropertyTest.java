package org.gridprint.allocation.datacenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.allocation.TenantStatement;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the windows (IT above or below the facility, windows without IT, zero and huge amounts), every window's
 * totals add up to its facility energy and CO2e, and the period's lines add up to the facility line, which is the
 * exact period sum rounded half up to the Wh and the gram.
 */
class StatementSumsPropertyTest {

    record Win(long facility, long location, long market, long rec, long[] it) {
    }

    @Provide
    Arbitrary<List<Win>> windows(@ForAll @IntRange(min = 1, max = 6) int targets) {
        Arbitrary<Long> amount = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, 50_000_000_000L), Arbitraries.longs().between(0, 1_000_000_000_000_000L),
                Arbitraries.just(0L));
        Arbitrary<long[]> it = amount.array(long[].class).ofSize(targets);
        Arbitrary<Win> win = Combinators.combine(amount, amount, amount, Arbitraries.doubles().between(0, 1), it)
                .as((f, loc, mkt, recShare, itParts) -> new Win(f, loc, mkt, (long) (f * recShare), itParts));
        return win.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void linesAddUpToTheFacilityExactly(@ForAll("windows") List<Win> windows) {
        int n = windows.get(0).it().length;
        var names = new ArrayList<String>();
        names.add(TenantStatement.UNASSIGNED);
        for (int i = 1; i < n; i++) {
            names.add("tenant-" + i);
        }
        var totals = new PeriodTotals(names);
        var sumF = BigInteger.ZERO;
        var sumIt = BigInteger.ZERO;
        var sumLoc = BigInteger.ZERO;
        var sumMkt = BigInteger.ZERO;
        var sumRec = BigInteger.ZERO;
        for (var w : windows) {
            var p = PueSplit.split(w.facility(), w.location(), w.market(), w.rec(), w.it(), 0);
            long t = 0;
            long l = 0;
            long m = 0;
            long r = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(p.total()[i] >= 0, "a total below 0");
                t += p.total()[i];
                l += p.location()[i];
                m += p.market()[i];
                r += p.rec()[i];
            }
            assertEquals(w.facility(), t);
            assertEquals(w.location(), l);
            assertEquals(w.market(), m);
            assertEquals(w.rec(), r);
            totals.add(p, new long[n]);
            sumF = sumF.add(BigInteger.valueOf(w.facility()));
            sumLoc = sumLoc.add(BigInteger.valueOf(w.location()));
            sumMkt = sumMkt.add(BigInteger.valueOf(w.market()));
            sumRec = sumRec.add(BigInteger.valueOf(w.rec()));
            long itw = 0;
            for (long v : w.it()) {
                itw += v;
            }
            sumIt = sumIt.add(BigInteger.valueOf(itw == 0 ? 0 : itw));
        }
        var lines = totals.lines();
        var facility = lines.get(lines.size() - 1);
        long total = 0;
        long it = 0;
        long overhead = 0;
        long loc = 0;
        long mkt = 0;
        long rec = 0;
        for (var line : lines.subList(0, n)) {
            assertEquals(line.totalWh() - line.itWh(), line.overheadWh());
            total += line.totalWh();
            it += line.itWh();
            overhead += line.overheadWh();
            loc += line.locationCo2eGrams();
            mkt += line.marketCo2eGrams();
            rec += line.recWh();
        }
        assertEquals(facility.totalWh(), total);
        assertEquals(facility.itWh(), it);
        assertEquals(facility.overheadWh(), overhead);
        assertEquals(facility.locationCo2eGrams(), loc);
        assertEquals(facility.marketCo2eGrams(), mkt);
        assertEquals(facility.recWh(), rec);
        assertEquals(halfUp(sumF), facility.totalWh());
        assertEquals(halfUp(sumIt), facility.itWh());
        assertEquals(halfUp(sumLoc), facility.locationCo2eGrams());
        assertEquals(halfUp(sumMkt), facility.marketCo2eGrams());
        assertEquals(halfUp(sumRec), facility.recWh());
    }

    /** Exact units (nano-kWh, µg) to Wh or g, half up: computed here with BigInteger, not by the code under test. */
    static long halfUp(BigInteger exact) {
        var qr = exact.divideAndRemainder(BigInteger.valueOf(1_000_000));
        return qr[0].longValueExact() + (qr[1].longValue() * 2 >= 1_000_000 ? 1 : 0);
    }
}
