package org.gridprint.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/** The fan coils' running-hours counters: duty cycles by hand, exact counting, independent of the step size. */
class FanCoilRuntimeTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");
    /**
     * Tuesday 2026-01-20, day of year 20: the seasonal mean is exactly 18 - 8 cos(0) = 10 °C and before 09:00 the
     * daily swing 6 sin(2 pi (h - 9) / 24) is <= 0, so it is at most 10 °C outdoors: Finance duty 0.40, Operations 0.55.
     */
    private static final ZonedDateTime WINTER_TUESDAY = ZonedDateTime.of(2026, 1, 20, 0, 0, 0, 0, NY);

    /** Advances in 7-second steps (the last one shorter) from the counter's start to {@code end}. */
    private static void advanceInSmallSteps(FanCoilRuntime counter, Instant from, Instant end) {
        var t = from;
        for (int i = 0; i < 100_000 && t.isBefore(end); i++) {
            t = t.plusSeconds(7);
            counter.advanceTo(t.isAfter(end) ? end : t);
        }
        assertEquals(end, t.isAfter(end) ? end : t, "loop bound reached");
    }

    @Test
    void winterMorningDutyCyclesCountedByHand() {
        var start = WINTER_TUESDAY.withHour(7).toInstant();
        var end = WINTER_TUESDAY.withHour(9).toInstant();
        var finance = new FanCoilRuntime(FanCoil.FINANCE, start, NY, 100.0);
        var operations = new FanCoilRuntime(FanCoil.OPERATIONS, start, NY, 200.0);
        advanceInSmallSteps(finance, start, end);
        advanceInSmallSteps(operations, start, end);
        // 07:00-09:00 = 8 cycles of 15 min; Finance 0.40 x 15 = 6 min each = 48 min = 0.8 h,
        // Operations 0.55 x 15 = 8.25 min each = 66 min = 1.1 h
        assertEquals(100.8, finance.hours(), 1e-9);
        assertEquals(201.1, operations.hours(), 1e-9);
    }

    @Test
    void fanStatusAndDutyWithinACycle() {
        var cycle = WINTER_TUESDAY.withHour(7);
        var finance = new FanCoilRuntime(FanCoil.FINANCE, cycle.toInstant(), NY, 0.0);
        // Finance runs 07:00-07:06, Operations 07:00-07:08:15
        finance.advanceTo(cycle.plusMinutes(5).plusSeconds(59).toInstant());
        assertTrue(finance.running());
        assertEquals(0.40, finance.duty(), 1e-12);
        finance.advanceTo(cycle.plusMinutes(6).toInstant());
        assertFalse(finance.running());
        assertEquals(0.1, finance.hours(), 1e-12);
        var operations = new FanCoilRuntime(FanCoil.OPERATIONS, cycle.toInstant(), NY, 0.0);
        operations.advanceTo(cycle.plusMinutes(8).plusSeconds(14).toInstant());
        assertTrue(operations.running());
        operations.advanceTo(cycle.plusMinutes(14).toInstant());
        assertFalse(operations.running());
        assertEquals(8.25 / 60, operations.hours(), 1e-12);
    }

    @Test
    void nightsAndWeekendsDifferBetweenTheTwoDepartments() {
        // 00:00-06:00 on the Tuesday: Finance off, Operations 0.25 x 6 h = 1.5 h
        var night = WINTER_TUESDAY.toInstant();
        var finance = new FanCoilRuntime(FanCoil.FINANCE, night, NY, 10.0);
        var operations = new FanCoilRuntime(FanCoil.OPERATIONS, night, NY, 10.0);
        finance.advanceTo(WINTER_TUESDAY.withHour(6).toInstant());
        operations.advanceTo(WINTER_TUESDAY.withHour(6).toInstant());
        assertEquals(10.0, finance.hours(), 0.0);
        assertEquals(11.5, operations.hours(), 1e-9);
        // Saturday 2026-01-24: the Finance offices are closed all day
        var saturday = WINTER_TUESDAY.plusDays(4);
        var closed = new FanCoilRuntime(FanCoil.FINANCE, saturday.toInstant(), NY, 10.0);
        closed.advanceTo(saturday.plusDays(1).toInstant());
        assertEquals(10.0, closed.hours(), 0.0);
        assertEquals(0.0, FanCoil.FINANCE.duty(saturday.withHour(12)), 0.0);
        assertTrue(FanCoil.OPERATIONS.duty(saturday.withHour(12)) >= 0.55);
    }

    @Test
    void summerAfternoonBothFansRunContinuously() {
        // Wednesday 2026-07-15 (day 196): seasonal 18 - 8 cos(2 pi 176 / 365.25) = 25.95 °C, daily swing 14:00-15:45
        // at least 6 sin(2 pi 5 / 24) = 5.80 K: about 31.7 °C > 25 °C, so both duties are 1.00: 2 h in 2 h
        var from = ZonedDateTime.of(2026, 7, 15, 14, 0, 0, 0, NY);
        for (var unit : FanCoil.values()) {
            var counter = new FanCoilRuntime(unit, from.toInstant(), NY, 5.0);
            counter.advanceTo(from.plusHours(2).toInstant());
            assertEquals(7.0, counter.hours(), 1e-9, unit.name());
            assertTrue(counter.running());
        }
    }

    @Test
    void oneLongStepCountsWhatManySmallStepsCount() {
        var start = Instant.parse("2026-03-03T11:52:31Z");
        var end = start.plus(Duration.ofHours(30)).plusSeconds(17);
        for (var unit : FanCoil.values()) {
            var oneStep = new FanCoilRuntime(unit, start, NY, 0.0);
            oneStep.advanceTo(end);
            var small = new FanCoilRuntime(unit, start, NY, 0.0);
            advanceInSmallSteps(small, start, end);
            assertEquals(oneStep.hours(), small.hours(), 1e-9, unit.name());
            // never more than the elapsed time, and going back changes nothing
            assertTrue(oneStep.hours() > 0 && oneStep.hours() < 30.01, unit + " " + oneStep.hours());
            oneStep.advanceTo(start);
            assertEquals(small.hours(), oneStep.hours(), 1e-9);
        }
    }
}
