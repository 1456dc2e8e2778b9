package org.gridprint.carbon.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.gridprint.api.Quality;
import org.junit.jupiter.api.Test;

class WindowSplitterTest {

    static final long HOUR = 3_600_000L;
    static final long MIN = 60_000L;
    static final long T10 = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();

    record W(long start, long end, long nano, int flags, int quality, long first, long last) {
    }

    static List<W> run(WindowSplitter s, long from, long to, long[] t, long[] c, byte[] q) {
        var out = new ArrayList<W>();
        s.start(from, to, (a, b, n, f, qq, first, last) -> out.add(new W(a, b, n, f, qq, first, last)), null);
        s.feed(t, c, q, 0, t.length);
        return out;
    }

    @Test
    void boundaryShareByHand() {
        // 10:59:58 at 100.000000001 kWh, 11:00:05 at 100.7 kWh: 0.699999999 kWh over 7 s, 2 s of it before 11:00
        // 699,999,999 nano x 2/7 = 199,999,999.714 -> 200,000,000 nano in the 10:00 window, 499,999,999 after
        long[] t = { T10 - 2 * HOUR, T10 + HOUR - 2_000, T10 + HOUR + 5_000, T10 + 2 * HOUR };
        long[] c = { 90_000_000_000L, 100_000_000_001L, 100_700_000_000L, 101_700_000_000L };
        var w = run(new WindowSplitter(HOUR, 0, 0, 0), T10, Long.MAX_VALUE, t, c, null);
        assertEquals(2, w.size(), w.toString());
        assertEquals(T10, w.get(0).start());
        // 10:00 window: the part after 10:00 of the 08:00 .. 10:59:58 interval (10.000000001 kWh over 10,798 s):
        // booked up to 10:00 = 10,000,000,001 x 7,200,000 / 10,798,000 = 6,667,901,463.9007 -> 6,667,901,464 (bc),
        // so 10,000,000,001 - 6,667,901,464 = 3,332,098,537 nano, + 200,000,000 from the 7 s interval
        assertEquals(3_332_098_537L + 200_000_000L, w.get(0).nano());
        assertEquals(T10 - 2 * HOUR, w.get(0).first());
        assertEquals(T10 + HOUR + 5_000, w.get(0).last());
        // 11:00 window: 499,999,999 + all of the last interval 1 kWh (11:00:05 .. 12:00 is inside) -> closed at 12:00
        assertEquals(499_999_999L + 1_000_000_000L, w.get(1).nano());
        assertEquals(T10 + HOUR - 2_000, w.get(1).first());
        assertEquals(T10 + 2 * HOUR, w.get(1).last());
    }

    @Test
    void sevenSecondPollsAcrossHoursSumToTheCounterDifferenceExactly() {
        assertSumsExactly(HOUR, 7_000);
    }

    @Test
    void sevenSecondPollsAcrossMinuteWindowsSumToTheCounterDifferenceExactly() {
        assertSumsExactly(MIN, 7_000);
    }

    @Test
    void ukHalfHourWindows() {
        assertSumsExactly(30 * MIN, 7_000);
        // 15-minute readings 10:00, 10:15 ... 11:00, 1.25 kWh each: two half-hour windows of 2.5 kWh
        long[] t = new long[5];
        long[] c = new long[5];
        for (var i = 0; i < 5; i++) {
            t[i] = T10 + i * 15 * MIN;
            c[i] = 1_000_000_000_000L + i * 1_250_000_000L;
        }
        var w = run(new WindowSplitter(30 * MIN, 0, 0, 0), T10, Long.MAX_VALUE, t, c, null);
        assertEquals(List.of(new W(T10, T10 + 30 * MIN, 2_500_000_000L, 0, 0, T10, T10 + 30 * MIN),
                new W(T10 + 30 * MIN, T10 + HOUR, 2_500_000_000L, 0, 0, T10 + 30 * MIN, T10 + HOUR)), w);
    }

    /** Irregular increments, 7 s polls starting off the grid: windows between two boundaries sum exactly. */
    private static void assertSumsExactly(long windowMs, long pollMs) {
        var rnd = new Random(42);
        var n = 3_000;
        long[] t = new long[n];
        long[] c = new long[n];
        var counter = 123_456_789_012_345L;
        for (var i = 0; i < n; i++) {
            t[i] = T10 - 3_000 + i * pollMs;
            counter += rnd.nextInt(50_000_000) + 1;
            c[i] = counter;
        }
        var w = run(new WindowSplitter(windowMs, 0, 0, 0), T10, Long.MAX_VALUE, t, c, null);
        assertTrue(w.size() >= 2);
        var first = w.get(0).start();
        var last = w.get(w.size() - 1).end();
        assertEquals(T10, first);
        var sum = w.stream().mapToLong(W::nano).sum();
        // by hand: the counter interpolated at the two boundaries, half-up to an integer nano-unit
        assertEquals(interpolate(t, c, last) - interpolate(t, c, first), sum);
        for (var i = 1; i < w.size(); i++) {
            assertEquals(w.get(i - 1).end(), w.get(i).start(), "contiguous");
        }
    }

    /** The reference: c[i-1] + round((c[i]-c[i-1]) x (b - t[i-1]) / (t[i]-t[i-1])) in BigDecimal. */
    static long interpolate(long[] t, long[] c, long b) {
        for (var i = 1; i < t.length; i++) {
            if (t[i] >= b) {
                var part = new java.math.BigDecimal(c[i] - c[i - 1]).multiply(new java.math.BigDecimal(b - t[i - 1]))
                        .divide(new java.math.BigDecimal(t[i] - t[i - 1]), 0, java.math.RoundingMode.HALF_UP);
                return c[i - 1] + part.longValueExact();
            }
        }
        throw new AssertionError("not covered: " + b);
    }

    @Test
    void onlyClosedWindowsAndNothingBeforeFrom() {
        long[] t = { T10 - 10 * MIN, T10 + 30 * MIN, T10 + 59 * MIN };
        long[] c = { 0, 4_000_000_000L, 5_000_000_000L };
        var w = run(new WindowSplitter(HOUR, 0, 0, 0), T10, Long.MAX_VALUE, t, c, null);
        assertEquals(List.of(), w, "the 10:00 window has no reading at/after 11:00 yet; 09:00 is before from");
        var s = new WindowSplitter(HOUR, 0, 0, 0);
        var out = new ArrayList<W>();
        s.start(T10, Long.MAX_VALUE, (a, b, n, f, q, fi, la) -> out.add(new W(a, b, n, f, q, fi, la)), null);
        s.feed(t, c, null, 0, 3);
        s.feed(T10 + HOUR, 6_000_000_000L, 0);
        // 10:00 window: 4 kWh x 30/40 = 3 kWh from the first interval, 1 kWh, 1 kWh
        assertEquals(List.of(new W(T10, T10 + HOUR, 5_000_000_000L, 0, 0, T10 - 10 * MIN, T10 + HOUR)), out);
    }

    @Test
    void startingFromAnEarlierReadingGivesTheSameWindows() {
        var rnd = new Random(7);
        var n = 2_000;
        long[] t = new long[n];
        long[] c = new long[n];
        var counter = 0L;
        var time = T10;
        for (var i = 0; i < n; i++) {
            time += 1_000 + rnd.nextInt(20_000);
            counter += rnd.nextInt(1_000_000_000);
            t[i] = time;
            c[i] = counter;
        }
        var from = T10 + 3 * HOUR;
        var all = run(new WindowSplitter(15 * MIN, 0, 0, 0), from, Long.MAX_VALUE, t, c, null);
        // restart at the last reading at or before `from`
        var k = 0;
        while (t[k + 1] <= from) {
            k++;
        }
        var tail = run(new WindowSplitter(15 * MIN, 0, 0, 0), from, Long.MAX_VALUE,
                java.util.Arrays.copyOfRange(t, k, n), java.util.Arrays.copyOfRange(c, k, n), null);
        assertEquals(all, tail);
    }

    @Test
    void rolloverResetAndDrop() {
        var r = 4_294_967_295L * 1_000_000L; // uint32 Wh counter in nano-kWh
        long[] t = { T10, T10 + 15 * MIN, T10 + 30 * MIN, T10 + 45 * MIN, T10 + HOUR, T10 + 75 * MIN,
                T10 + 90 * MIN, T10 + 105 * MIN, T10 + 2 * HOUR };
        long[] c = { r - 2_000_000_000L, 1_000_000_000L, 3_000_000_000L, 3_000_000_000L, 4_000_000_000L,
                100_000_000L, 200_000_000L, 199_000_000L, 300_000_000L };
        var s = new WindowSplitter(HOUR, r, 0, 0);
        var intervals = new ArrayList<int[]>();
        var out = new ArrayList<W>();
        s.start(Long.MIN_VALUE, Long.MAX_VALUE, (a, b, n, f, q, fi, la) -> out.add(new W(a, b, n, f, q, fi, la)),
                (a, b, ca, cb, e, f) -> intervals.add(new int[] { f }));
        s.feed(t, c, null, 0, t.length);
        assertEquals(2, out.size());
        // 10:00: wrap 2 + 1 = 3 kWh, then 2, 0, 1 -> 6 kWh, ROLLOVER
        assertEquals(6_000_000_000L, out.get(0).nano());
        assertEquals(WindowSplitter.ROLLOVER, out.get(0).flags());
        assertEquals(Quality.GOOD.ordinal(), out.get(0).quality());
        // 11:00: reset 4 -> 0.1 (energy 0.1), 0.1, drop 0.2 -> 0.199 (0), 0.101 -> 0.301 kWh, COUNTER_RESET, SUSPECT
        assertEquals(301_000_000L, out.get(1).nano());
        assertEquals(WindowSplitter.COUNTER_RESET, out.get(1).flags());
        assertEquals(Quality.SUSPECT.ordinal(), out.get(1).quality());
        assertEquals(WindowSplitter.COUNTER_RESET | WindowSplitter.COUNTER_DROP, intervals.get(6)[0]);
    }

    @Test
    void spikeOfTenToTheNineKwhOnASevenKwMeterIsSuspect() {
        // 5 s polls; one reading jumps by 999,999,999.7 kWh (the case); max 7 kW
        long[] t = { T10, T10 + 5_000, T10 + 10_000, T10 + HOUR, T10 + 2 * HOUR };
        long[] c = { 1_000_000_000L, 1_002_000_000L, 1_000_000_000_700_000_000L, 1_000_000_001_700_000_000L,
                1_000_000_006_700_000_000L };
        var w = run(new WindowSplitter(HOUR, 0, 0, 7), Long.MIN_VALUE, Long.MAX_VALUE, t, c, null);
        assertEquals(2, w.size());
        assertEquals(WindowSplitter.SUSPECT_SPIKE, w.get(0).flags());
        assertEquals(Quality.SUSPECT.ordinal(), w.get(0).quality());
        // 11:00: 5 kWh in 1 h = 5 kW <= 7 kW: plausible
        assertEquals(0, w.get(1).flags());
        assertEquals(5_000_000_000L, w.get(1).nano());
    }

    @Test
    void gapSpannedAndBadSkipped() {
        long[] t = { T10, T10 + 10 * MIN, T10 + 50 * MIN, T10 + HOUR };
        long[] c = { 0, 1_000_000_000L, 9_999_000_000_000L, 2_000_000_000L };
        byte[] q = { 0, 0, (byte) Quality.BAD.ordinal(), (byte) Quality.ESTIMATED.ordinal() };
        var s = new WindowSplitter(HOUR, 0, 15 * MIN, 0);
        var w = run(s, Long.MIN_VALUE, Long.MAX_VALUE, t, c, q);
        assertEquals(List.of(new W(T10, T10 + HOUR, 2_000_000_000L, WindowSplitter.GAP_SPANNED,
                Quality.ESTIMATED.ordinal(), T10, T10 + HOUR)), w);
        assertEquals(1, s.skipped());
    }

    @Test
    void oneIntervalOverManyWindowsSpreadsProRata() {
        // 10 kWh from 10:00 to 13:00 with 20-minute windows... 3 h = 9 windows, 10/9 kWh each, rounded, sum exact
        long[] t = { T10, T10 + 3 * HOUR };
        long[] c = { 0, 10_000_000_000L };
        var w = run(new WindowSplitter(20 * MIN, 0, 0, 0), Long.MIN_VALUE, Long.MAX_VALUE, t, c, null);
        assertEquals(9, w.size());
        // booked up to each boundary: 1,111,111,111.1 -> ...111; 2,222,222,222.2 -> ...222; 3,333,333,333.3 -> ...333;
        // 4,444,444,444.4 -> ...444; 5,555,555,555.6 -> ...556: the fifth window gets 1,111,111,112
        assertEquals(1_111_111_111L, w.get(0).nano());
        assertEquals(1_111_111_111L, w.get(1).nano());
        assertEquals(1_111_111_111L, w.get(2).nano());
        assertEquals(1_111_111_111L, w.get(3).nano());
        assertEquals(1_111_111_112L, w.get(4).nano());
        assertEquals(10_000_000_000L, w.stream().mapToLong(W::nano).sum());
        w.forEach(x -> assertEquals(T10, x.first()));
        w.forEach(x -> assertEquals(T10 + 3 * HOUR, x.last()));
    }

    @Test
    void refusesAWindowThatDoesNotDivideADay() {
        assertThrows(IllegalArgumentException.class, () -> new WindowSplitter(7 * MIN, 0, 0, 0));
    }

    @Test
    void shareUsesExactArithmeticBeyondLongProducts() {
        var e = 4_000_000_000_000_000_000L;
        assertEquals(2_000_000_000_000_000_000L, WindowSplitter.share(e, 1_800_000, 3_600_000));
        assertEquals(1_333_333_333_333_333_333L, WindowSplitter.share(e, 1_200_000, 3_600_000));
    }
}
