package org.gridprint.allocation.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The equal-split rule of overlapping jobs and the idle rest, computed by hand. */
class JobSplitTest {

    private static Instant t(String hhmm) {
        return Instant.parse("2026-11-03T" + hhmm + ":00Z");
    }

    @Test
    void threeOverlappingJobsShareTheOverlapEquallyAndIdleKeepsTheRest() {
        // window 10:00-11:00: 6 kWh, 3 g location, 0 market; window 11:00-12:00: 2 kWh, no job
        var slots = List.of(new JobSplit.Slot(t("10:00"), t("11:00"), 6_000_000_000L, 3_000_000L, 0),
                new JobSplit.Slot(t("11:00"), t("12:00"), 2_000_000_000L, 1_000_000L, 400_000L));
        // A 10:00-10:30, B 10:10-10:50, C 10:20-10:30
        var spans = List.of(new JobSplit.Span("C", t("10:20"), t("10:30")),
                new JobSplit.Span("A", t("10:00"), t("10:30")), new JobSplit.Span("B", t("10:10"), t("10:50")));
        var r = JobSplit.split(slots, spans);
        // minutes: 10:00-10:10 A | 10:10-10:20 A,B (5 each) | 10:20-10:30 A,B,C (10/3 each) | 10:30-10:50 B | idle 10
        // A = 18 1/3 min, B = 28 1/3, C = 3 1/3, idle 10 of 60; 6 kWh = 0.1 kWh per minute:
        // A 1,833,333,333.3, B 2,833,333,333.3, C 333,333,333.3, idle 1,000,000,000 nano-kWh; the one nano left over
        // goes to the largest remainder, equal (1/3) for A, B, C: the lowest index, A
        assertEquals(1_833_333_334L, r.jobs().get("A").energyNano);
        assertEquals(2_833_333_333L, r.jobs().get("B").energyNano);
        assertEquals(333_333_333L, r.jobs().get("C").energyNano);
        // idle: 1 kWh of the first window and all 2 kWh of the second
        assertEquals(3_000_000_000L, r.idle().energyNano);
        // location 3 g = 50,000 µg per minute: A 916,666.7, B 1,416,666.7, C 166,666.7, idle 500,000; 2 µg left over
        // go to A and B (equal remainders 2/3, lower index first)
        assertEquals(916_667L, r.jobs().get("A").locationMicrograms);
        assertEquals(1_416_667L, r.jobs().get("B").locationMicrograms);
        assertEquals(166_666L, r.jobs().get("C").locationMicrograms);
        assertEquals(500_000L + 1_000_000L, r.idle().locationMicrograms);
        assertEquals(400_000L, r.idle().marketMicrograms);
        // time shared with other jobs: A 10:10-10:30, B 10:10-10:30, C all its 10 minutes
        assertEquals(20 * 60_000L, r.jobs().get("A").sharedMillis);
        assertEquals(20 * 60_000L, r.jobs().get("B").sharedMillis);
        assertEquals(10 * 60_000L, r.jobs().get("C").sharedMillis);
        assertEquals(1, r.jobs().get("A").windows);
        long sum = r.idle().energyNano;
        for (var s : r.jobs().values()) {
            sum += s.energyNano;
        }
        assertEquals(8_000_000_000L, sum);
    }

    @Test
    void aJobAcrossTwoWindowsGetsItsTimeInEach() {
        var slots = List.of(new JobSplit.Slot(t("10:00"), t("10:15"), 900L, 90L, 9L),
                new JobSplit.Slot(t("10:15"), t("10:30"), 300L, 30L, 3L));
        var r = JobSplit.split(slots, List.of(new JobSplit.Span("J", t("10:10"), t("10:20"))));
        // 5 of 15 minutes of each window: 300 + 100 nano, 30 + 10 µg, 3 + 1 µg
        assertEquals(400L, r.jobs().get("J").energyNano);
        assertEquals(40L, r.jobs().get("J").locationMicrograms);
        assertEquals(4L, r.jobs().get("J").marketMicrograms);
        assertEquals(800L, r.idle().energyNano);
        assertEquals(2, r.jobs().get("J").windows);
        assertEquals(0L, r.jobs().get("J").sharedMillis);
    }
}
