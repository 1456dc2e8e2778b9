package org.gridprint.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The machines' fixed daily job schedule (UTC) and the energy their meters count. */
class MachineTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private static Instant utc(String time) {
        return Instant.parse(DAY + "T" + time + "Z");
    }

    @Test
    void pressOneRunsTwoHoursEveryThreeHours() {
        var jobs = Machine.PRESS_1.jobs(DAY);
        assertEquals(8, jobs.size());
        assertEquals(utc("00:00:00"), jobs.get(0).start());
        assertEquals(utc("02:00:00"), jobs.get(0).end());
        assertEquals(utc("06:00:00"), jobs.get(2).start());
        assertEquals(utc("21:00:00"), jobs.get(7).start());
        assertEquals(utc("23:00:00"), jobs.get(7).end());
        assertEquals("demo/plant/press-1", jobs.get(0).meterId());
        assertEquals(1, jobs.get(0).number());
        assertTrue(Machine.PRESS_1.running(utc("00:00:00")));
        assertTrue(Machine.PRESS_1.running(utc("01:59:59")));
        assertFalse(Machine.PRESS_1.running(utc("02:00:00")));
        assertFalse(Machine.PRESS_1.running(utc("02:59:59")));
        assertTrue(Machine.PRESS_1.running(utc("03:00:00")));
        assertEquals(38.0, Machine.PRESS_1.kw(utc("13:30:00")), 0.0);
        assertEquals(4.5, Machine.PRESS_1.kw(utc("14:30:00")), 0.0);
    }

    @Test
    void cncTwoRunsNinetyMinutesEveryTwoHoursFromHalfPastMidnight() {
        var jobs = Machine.CNC_2.jobs(DAY);
        assertEquals(12, jobs.size());
        assertEquals(utc("00:30:00"), jobs.get(0).start());
        assertEquals(utc("02:00:00"), jobs.get(0).end());
        assertEquals(utc("22:30:00"), jobs.get(11).start());
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"), jobs.get(11).end());
        assertFalse(Machine.CNC_2.running(utc("00:29:59")));
        assertTrue(Machine.CNC_2.running(utc("00:30:00")));
        assertTrue(Machine.CNC_2.running(utc("01:59:59")));
        assertFalse(Machine.CNC_2.running(utc("02:00:00")));
        assertTrue(Machine.CNC_2.running(utc("02:30:00")));
        assertEquals(22.0, Machine.CNC_2.kw(utc("12:45:00")), 0.0);
        assertEquals(3.0, Machine.CNC_2.kw(utc("12:15:00")), 0.0);
    }

    @Test
    void aDaysEnergyFollowsTheSchedule() {
        // press-1: 8 jobs x 2 h x 38 kW + 8 gaps x 1 h x 4.5 kW = 608 + 36 = 644 kWh
        // cnc-2: 12 jobs x 1.5 h x 22 kW + 12 gaps x 0.5 h x 3 kW = 396 + 18 = 414 kWh
        var start = utc("00:00:00");
        var sim = new DemoSimulator(start, ZoneId.of("America/New_York"), 1.0, 11, Map.of());
        var before = sim.snapshot().energyKwh();
        double[] jobKwh = new double[2];
        var t = start;
        for (int i = 0; i < 24 * 60; i++) { // one-minute steps, aligned with the schedule's whole minutes
            t = t.plus(Duration.ofMinutes(1));
            var s = sim.advanceTo(t);
            if (Machine.PRESS_1.running(t.minusSeconds(30))) {
                jobKwh[0] += s.powerKw().get(DemoMeter.PRESS_1) / 60;
            }
            if (Machine.CNC_2.running(t.minusSeconds(30))) {
                jobKwh[1] += s.powerKw().get(DemoMeter.CNC_2) / 60;
            }
        }
        var after = sim.snapshot().energyKwh();
        double press = after.get(DemoMeter.PRESS_1) - before.get(DemoMeter.PRESS_1);
        double cnc = after.get(DemoMeter.CNC_2) - before.get(DemoMeter.CNC_2);
        // ±4 % / ±5 % noise per minute averages out over a day: within 1 %
        assertEquals(644.0, press, 6.44);
        assertEquals(414.0, cnc, 4.14);
        assertEquals(608.0, jobKwh[0], 6.08, "press-1 energy during its jobs");
        assertEquals(396.0, jobKwh[1], 3.96, "cnc-2 energy during its jobs");
    }
}
