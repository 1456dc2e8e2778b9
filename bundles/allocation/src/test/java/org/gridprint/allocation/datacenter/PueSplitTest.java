package org.gridprint.allocation.datacenter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.TenantStatement;
import org.junit.jupiter.api.Test;

/**
 * PUE overhead by hand: two tenants A and B (targets in name order: (unassigned), A, B), three windows with PUE 1.5,
 * 1.2 and 2.0.
 *
 * <pre>
 * window  facility  IT A  IT B  PUE  overhead   A: IT+ovh   B: IT+ovh   loc g (A/B)       mkt g (A/B)     REC kWh (A/B)
 *   1       15 kWh    6     4   1.5     5       6+3 = 9     4+2 = 6     6000: 3600/2400   3000: 1800/1200  5: 3/2
 *   2       24 kWh   10    10   1.2     4      10+2 = 12   10+2 = 12    9000: 4500/4500      0: 0/0        0: 0/0
 *   3        8 kWh    1     3   2.0     4       1+1 = 2     3+3 = 6     4000: 1000/3000   2000: 500/1500   2: 0.5/1.5
 * period    47 kWh   17    17               A 23 kWh     B 24 kWh      A 9100, B 9900    A 2300, B 2700   A 3.5, B 3.5
 * PUE: A 23/17 = 1.3529 → 1.353, B 24/17 = 1.4118 → 1.412, facility 47/34 = 1.3824 → 1.382
 * </pre>
 */
class PueSplitTest {

    static final long KWH = 1_000_000_000L; // nano-kWh
    static final long G = 1_000_000L; // µg

    @Test
    void threeWindowsTwoTenantsByHand() {
        var totals = new PeriodTotals(List.of(TenantStatement.UNASSIGNED, "A", "B"));
        var none = new long[3];

        var w1 = PueSplit.split(15 * KWH, 6000 * G, 3000 * G, 5 * KWH, new long[] {0, 6 * KWH, 4 * KWH}, 0);
        assertArrayEquals(new long[] {0, 3 * KWH, 2 * KWH}, w1.overhead());
        assertArrayEquals(new long[] {0, 9 * KWH, 6 * KWH}, w1.total());
        assertArrayEquals(new long[] {0, 3600 * G, 2400 * G}, w1.location());
        assertArrayEquals(new long[] {0, 1800 * G, 1200 * G}, w1.market());
        assertArrayEquals(new long[] {0, 3 * KWH, 2 * KWH}, w1.rec());
        totals.add(w1, none);

        var w2 = PueSplit.split(24 * KWH, 9000 * G, 0, 0, new long[] {0, 10 * KWH, 10 * KWH}, 0);
        assertArrayEquals(new long[] {0, 2 * KWH, 2 * KWH}, w2.overhead());
        assertArrayEquals(new long[] {0, 4500 * G, 4500 * G}, w2.location());
        totals.add(w2, none);

        var w3 = PueSplit.split(8 * KWH, 4000 * G, 2000 * G, 2 * KWH, new long[] {0, 1 * KWH, 3 * KWH}, 0);
        assertArrayEquals(new long[] {0, 1 * KWH, 3 * KWH}, w3.overhead());
        assertArrayEquals(new long[] {0, 2 * KWH, 6 * KWH}, w3.total());
        assertArrayEquals(new long[] {0, KWH / 2, 3 * KWH / 2}, w3.rec());
        totals.add(w3, none);

        var lines = totals.lines();
        assertEquals(new StatementLine("A", 17_000, 0, 6_000, 23_000, 9_100, 2_300, 3_500,
                Optional.of(new BigDecimal("1.353"))), lines.get(1));
        assertEquals(new StatementLine("B", 17_000, 0, 7_000, 24_000, 9_900, 2_700, 3_500,
                Optional.of(new BigDecimal("1.412"))), lines.get(2));
        assertEquals(new StatementLine(TenantStatement.UNASSIGNED, 0, 0, 0, 0, 0, 0, 0, Optional.empty()),
                lines.get(0));
        assertEquals(new StatementLine(TenantStatement.FACILITY, 34_000, 0, 13_000, 47_000, 19_000, 5_000, 7_000,
                Optional.of(new BigDecimal("1.382"))), lines.get(3));
    }

    /** Overhead 7 nano split 1:2 → exact 2.33 / 4.67: floors 2 and 4, the unit left goes to B (remainder 2 of 3). */
    @Test
    void remainderGoesToTheLargestRemainder() {
        var p = PueSplit.split(10, 0, 0, 0, new long[] {0, 1, 2}, 0);
        assertArrayEquals(new long[] {0, 2, 5}, p.overhead());
        assertArrayEquals(new long[] {0, 3, 7}, p.total());
    }

    /**
     * PUE below 1: facility 8 kWh, IT A 6 + B 4 = 10 kWh (PUE 0.8). The missing 2 kWh are split 6:4 and taken off:
     * overhead A -1.2, B -0.8; totals A 4.8, B 3.2 add up to the facility's 8.
     */
    @Test
    void pueBelowOneGivesNegativeOverheadAndStillAddsUp() {
        var p = PueSplit.split(8 * KWH, 800 * G, 0, 0, new long[] {0, 6 * KWH, 4 * KWH}, 0);
        assertArrayEquals(new long[] {0, -1_200_000_000L, -800_000_000L}, p.overhead());
        assertArrayEquals(new long[] {0, 4_800_000_000L, 3_200_000_000L}, p.total());
        assertArrayEquals(new long[] {0, 480 * G, 320 * G}, p.location());
    }

    /** A window without IT energy: the facility's energy and CO2e stay unassigned, never dropped. */
    @Test
    void windowWithoutItStaysUnassigned() {
        var p = PueSplit.split(5 * KWH, 2000 * G, 1000 * G, KWH, new long[] {0, 0, 0}, 0);
        assertArrayEquals(new long[] {5 * KWH, 0, 0}, p.total());
        assertArrayEquals(new long[] {5 * KWH, 0, 0}, p.overhead());
        assertArrayEquals(new long[] {2000 * G, 0, 0}, p.location());
        assertArrayEquals(new long[] {1000 * G, 0, 0}, p.market());
        assertArrayEquals(new long[] {KWH, 0, 0}, p.rec());
    }

    /**
     * Rounding to the Wh: unassigned, A and B each 0.6 Wh → the whole 1.8 Wh rounds to 2 Wh; the floors are 0 and the
     * two units go to the first two in order (equal remainders: lower index first).
     */
    @Test
    void periodRoundsToTheWholeWh() {
        var totals = new PeriodTotals(List.of(TenantStatement.UNASSIGNED, "A", "B"));
        var p = new PueSplit.Parts(new long[] {600_000, 600_000, 600_000}, new long[3],
                new long[] {600_000, 600_000, 600_000}, new long[3], new long[3], new long[3]);
        totals.add(p, new long[3]);
        var lines = totals.lines();
        assertEquals(1, lines.get(0).totalWh());
        assertEquals(1, lines.get(1).totalWh());
        assertEquals(0, lines.get(2).totalWh());
        assertEquals(2, lines.get(3).totalWh());
    }
}
