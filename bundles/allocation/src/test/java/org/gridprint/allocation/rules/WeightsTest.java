package org.gridprint.allocation.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;

import org.gridprint.api.Quantity;
import org.junit.jupiter.api.Test;

/** Occupancy seconds across DST days and counter deltas, by hand. */
class WeightsTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");

    private static OccupancyKey daily(int startMinute, int endMinute) {
        return new OccupancyKey("F", BigDecimal.ONE, DayOfWeek.MONDAY, DayOfWeek.SUNDAY, startMinute, endMinute);
    }

    @Test
    void occupancyFollowsTheWallClockOnDstDays() {
        // 2026-11-01 New York falls back: the day runs from 04:00Z to 05:00Z next day = 25 h = 90,000 s
        var fallFrom = Instant.parse("2026-11-01T04:00:00Z");
        var fallTo = Instant.parse("2026-11-02T05:00:00Z");
        assertEquals(90_000, daily(0, 1440).secondsInside(fallFrom, fallTo, NY));
        // 01:00-02:00 wall clock: 01:00 EDT (05:00Z) to 02:00 EST (07:00Z) = 7,200 s
        assertEquals(7_200, daily(60, 120).secondsInside(fallFrom, fallTo, NY));
        // 2026-03-08 springs forward: 05:00Z to 04:00Z next day = 23 h
        assertEquals(82_800, daily(0, 1440).secondsInside(Instant.parse("2026-03-08T05:00:00Z"),
                Instant.parse("2026-03-09T04:00:00Z"), NY));
        // a window half inside 07:00-19:00 local (EST, UTC-5): 11:30Z..12:30Z is 06:30..07:30 → 1,800 s
        assertEquals(1_800, daily(7 * 60, 19 * 60).secondsInside(Instant.parse("2026-11-10T11:30:00Z"),
                Instant.parse("2026-11-10T12:30:00Z"), NY));
    }

    @Test
    void weekdayRangesMayWrapOverTheWeekend() {
        var k = new OccupancyKey("F", BigDecimal.ONE, DayOfWeek.FRIDAY, DayOfWeek.MONDAY, 0, 1440);
        assertEquals(true, k.onDay(DayOfWeek.SUNDAY));
        assertEquals(true, k.onDay(DayOfWeek.MONDAY));
        assertEquals(false, k.onDay(DayOfWeek.WEDNESDAY));
    }

    @Test
    void counterDeltasSplitIntervalsProRataAndIgnoreAReset() {
        var r = new MemoryReadings();
        // 10.0 at 00:00, 10.9 at 00:45, 2.0 at 01:30 (reset: adds nothing), 2.6 at 02:00
        r.add("m", Quantity.RUNTIME, "2026-11-02T00:00:00Z", 10.0);
        r.add("m", Quantity.RUNTIME, "2026-11-02T00:45:00Z", 10.9);
        r.add("m", Quantity.RUNTIME, "2026-11-02T01:30:00Z", 2.0);
        r.add("m", Quantity.RUNTIME, "2026-11-02T02:00:00Z", 2.6);
        long h0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
        long[] starts = {h0, h0 + 3_600_000, h0 + 7_200_000};
        long[] ends = {h0 + 3_600_000, h0 + 7_200_000, h0 + 10_800_000};
        // hour 0: 0.9 h; hour 1: reset interval 0, then 01:30-02:00 +0.6 → 0.6 h; hour 2: no reading after → 0
        assertArrayEquals(new long[] {900_000_000L, 600_000_000L, 0}, CounterDeltas.deltas(r, "m", Quantity.RUNTIME,
                starts, ends));
        // an interval over a boundary: 1.0 over 00:30-01:30 → 0.5 / 0.5
        var s = new MemoryReadings();
        s.add("m", Quantity.RUNTIME, "2026-11-02T00:30:00Z", 5.0);
        s.add("m", Quantity.RUNTIME, "2026-11-02T01:30:00Z", 6.0);
        assertArrayEquals(new long[] {500_000_000L, 500_000_000L, 0}, CounterDeltas.deltas(s, "m", Quantity.RUNTIME,
                starts, ends));
    }

    @Test
    void bookedIsHalfUpAndExactForHugeValues() {
        assertEquals(3, CounterDeltas.booked(5, 1, 2)); // 2.5 → 3
        assertEquals(2, CounterDeltas.booked(7, 1, 3)); // 2.33 → 2
        // (2^62 − 1) × 3 / 4 = 3,458,764,513,820,540,927.25 → ...927 (past 64 bits in the product)
        assertEquals(3_458_764_513_820_540_927L, CounterDeltas.booked(4_611_686_018_427_387_903L, 3, 4));
    }
}
