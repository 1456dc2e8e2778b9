package org.gridprint.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The data hall: IT load, cooling, unmetered losses, PUE by hand; the facility meter above PDU A and CRAC-1. */
class DataHallTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");
    /** Tuesday 2026-01-20: seasonal mean exactly 10 °C, so T = 10 + 6 sin(2 pi (h - 9) / 24). */
    private static final ZonedDateTime JAN_20 = ZonedDateTime.of(2026, 1, 20, 0, 0, 0, 0, NY);

    @Test
    void curvesByHand() {
        assertEquals(36.0, DataHall.itKw(JAN_20.withHour(10)), 1e-9);
        assertEquals(40.0, DataHall.itKw(JAN_20.withHour(16)), 1e-9);
        assertEquals(32.0, DataHall.itKw(JAN_20.withHour(4)), 1e-9);
        assertEquals(0.25, DataHall.cracRatio(JAN_20.withHour(9)), 1e-9); // 10 °C
        assertEquals(0.25, DataHall.cracRatio(JAN_20.withHour(3)), 1e-9); // 4 °C: no less than 0.25
        assertEquals(0.34, DataHall.cracRatio(JAN_20.withHour(15)), 1e-9); // 16 °C: 0.25 + 6 x 0.015
        assertEquals(3.8, DataHall.unmeteredKw(36.0), 1e-12); // 1.8 + 1.2 + 0.8
    }

    @Test
    void pueByHand() {
        // 15:00 on 20 January: IT = 36 + 4 sin(75°) = 39.8637 kW; CRAC 0.34 x IT; losses 0.05 x IT + 2 kW
        // facility = 1.39 x 39.8637 + 2 = 57.4106 kW; PUE = 57.4106 / 39.8637 = 1.4402
        var t = JAN_20.withHour(15);
        double it = DataHall.itKw(t);
        assertEquals(39.8637, it, 1e-4);
        double facility = it + it * DataHall.cracRatio(t) + DataHall.unmeteredKw(it);
        assertEquals(57.4106, facility, 1e-4);
        assertEquals(1.4402, facility / it, 1e-4);
    }

    @Test
    void facilityMeterIsPduPlusCracPlusLossesAndItsEnergyExceedsTheIt() {
        var start = JAN_20.toInstant();
        var sim = new DemoSimulator(start, NY, 1.0, 3, Map.of());
        var before = sim.snapshot().energyKwh();
        for (int i = 1; i <= 24 * 60; i++) {
            var s = sim.advanceTo(start.plus(Duration.ofMinutes(i)));
            double it = s.powerKw().get(DemoMeter.PDU_A);
            double crac = s.powerKw().get(DemoMeter.CRAC_1);
            assertEquals(it + crac + 0.05 * it + 2.0, s.powerKw().get(DemoMeter.DC_FACILITY), 1e-9);
            assertTrue(it > 30 && it < 42, "IT kW " + it);
        }
        var after = sim.snapshot().energyKwh();
        double it = after.get(DemoMeter.PDU_A) - before.get(DemoMeter.PDU_A);
        double facility = after.get(DemoMeter.DC_FACILITY) - before.get(DemoMeter.DC_FACILITY);
        // a day of 36 kW on average: 864 kWh; winter day: CRAC 0.25..0.34 of IT, so PUE 1.35..1.45
        assertEquals(864.0, it, 864.0 * 0.01);
        double pue = facility / it;
        assertTrue(pue > 1.35 && pue < 1.45, "PUE " + pue);
    }
}
