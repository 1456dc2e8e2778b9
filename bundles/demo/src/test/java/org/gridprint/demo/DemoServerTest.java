package org.gridprint.demo;

import org.gridprint.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** The demo site answers real Modbus TCP reads (j2mod master) on a free loopback port. */
class DemoServerTest {

    /** Tuesday 2026-03-03 07:00 in New York (12:00 UTC): the building is starting up. */
    static final Instant START = Instant.parse("2026-03-03T12:00:00Z");

    private DemoServer server;
    private ModbusTCPMaster master;

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static DemoSettings settings(int port) {
        return new DemoSettings("127.0.0.1", port, 1, 1.0, 20240130L, ZoneId.of("America/New_York"),
                Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        if (master != null) {
            master.disconnect();
        }
        if (server != null) {
            server.stop();
        }
        ModbusSlaveFactory.close();
    }

    private static long uint32(InputRegister[] r, int i, boolean highFirst) {
        long hi = r[highFirst ? i : i + 1].toUnsignedShort();
        long lo = r[highFirst ? i + 1 : i].toUnsignedShort();
        return (hi << 16) | lo;
    }

    private static float float32(InputRegister[] r, int i, boolean highFirst) {
        return Float.intBitsToFloat((int) uint32(r, i, highFirst));
    }

    /** Energy (kWh) and power (kW) per meter as a master decodes them, in DemoMeter order. */
    private static double[][] decode(InputRegister[] r) {
        return new double[][] {
                {uint32(r, 0, true) / 100.0, float32(r, 2, true)},
                {float32(r, 10, true), float32(r, 12, true)},
                {uint32(r, 20, false) / 100.0, float32(r, 22, false)},
                {float32(r, 30, true), (int) uint32(r, 32, true) / 1000.0}};
    }

    @Test
    void countersIncreaseMonotonicallyConsistentWithThePower() throws Exception {
        var clock = new MutableClock(START);
        int port = freePort();
        server = new DemoServer(settings(port), clock, null);
        server.start();
        master = new ModbusTCPMaster("127.0.0.1", port, 2000, false);
        master.connect();

        var first = decode(master.readMultipleRegisters(1, 0, 34));
        assertEquals(1_284_530.25, first[0][0], 0.0);
        assertEquals(48_213.70, first[1][0], 0.01);
        assertEquals(402_117.80, first[2][0], 0.0);
        assertEquals(21_904.30, first[3][0], 0.01);

        var previous = first;
        double[] integral = new double[4];
        for (int step = 0; step < 180; step++) { // three hours in one-minute steps: 07:00 to 10:00 local
            clock.advance(Duration.ofMinutes(1));
            server.update();
            var now = decode(master.readMultipleRegisters(1, 0, 34));
            for (int m = 0; m < 4; m++) {
                assertTrue(now[m][0] >= previous[m][0], "counter of meter " + m + " went down at step " + step);
                assertTrue(now[m][1] > 0, "power of meter " + m);
                // the power register shows the power of the step just integrated
                integral[m] += now[m][1] / 60.0;
            }
            previous = now;
        }
        for (int m = 0; m < 4; m++) {
            double delta = previous[m][0] - first[m][0];
            // kWh ≈ ∫P dt: within register resolution (float32 / 0.01 kWh) and float32 power rounding
            assertEquals(integral[m], delta, 0.02 + integral[m] * 1e-5, "meter " + m);
            assertTrue(delta > 0);
        }
        // main = submeters + unmetered base load: its energy grows more than the three submeters together
        double sub = (previous[1][0] - first[1][0]) + (previous[2][0] - first[2][0]) + (previous[3][0] - first[3][0]);
        // (the panel shows three of the main incomer's seven submeters; base load 18 kW when occupied)
        assertTrue(previous[0][0] - first[0][0] > sub + 3 * 16);

        // AHU at 10:00 on a weekday: occupied fan power; lighting on
        assertTrue(previous[1][1] > 8 && previous[1][1] < 23, "AHU kW " + previous[1][1]);
        assertTrue(previous[3][1] > 23 && previous[3][1] < 25, "lighting kW " + previous[3][1]);

        var volts = master.readInputRegisters(1, 0, 4);
        for (var v : volts) {
            double volt = v.toUnsignedShort() / 10.0;
            assertTrue(volt > 465 && volt < 490, "voltage " + volt);
        }
    }

    @Test
    void addedMetersAndFanCoilsAnswerAtTheirOwnUnits() throws Exception {
        var clock = new MutableClock(START); // Tuesday 07:00 New York
        int port = freePort();
        server = new DemoServer(settings(port), clock, null);
        server.start();
        master = new ModbusTCPMaster("127.0.0.1", port, 2000, false);
        master.connect();
        var added = java.util.List.of(DemoMeter.AHU_2, DemoMeter.DC_FACILITY, DemoMeter.PDU_A, DemoMeter.CRAC_1,
                DemoMeter.PRESS_1, DemoMeter.CNC_2);
        double[] first = new double[added.size()];
        for (int i = 0; i < added.size(); i++) {
            var m = added.get(i);
            first[i] = uint32(master.readMultipleRegisters(m.unitId(), 0, 4), 0, true) / 100.0;
            assertEquals(m.initialKwh(), first[i], 0.0, m.name());
        }
        // fan coils: running hours in 0.001 h, status, duty %; at 07:00 both fans start their cycle
        var finance = master.readMultipleRegisters(FanCoil.FINANCE.unitId(), 0, 4);
        assertEquals(12_406_250L, uint32(finance, 0, true));
        assertEquals(1, finance[2].toUnsignedShort());
        assertEquals(40, finance[3].toUnsignedShort()); // 3 March 07:00: 9.0 °C outdoors, duty 0.40
        var operations = master.readMultipleRegisters(FanCoil.OPERATIONS.unitId(), 0, 4);
        assertEquals(31_877_500L, uint32(operations, 0, true));
        assertEquals(55, operations[3].toUnsignedShort());

        double[] integral = new double[added.size()];
        for (int step = 0; step < 60; step++) {
            clock.advance(Duration.ofMinutes(1));
            server.update();
            for (int i = 0; i < added.size(); i++) {
                integral[i] += float32(master.readMultipleRegisters(added.get(i).unitId(), 0, 4), 2, true) / 60.0;
            }
            if (step == 6) { // 07:07: Finance ran 07:00-07:06, Operations runs until 07:08:15
                assertEquals(0, master.readMultipleRegisters(FanCoil.FINANCE.unitId(), 0, 4)[2].toUnsignedShort());
                assertEquals(1, master.readMultipleRegisters(FanCoil.OPERATIONS.unitId(), 0, 4)[2].toUnsignedShort());
                // 0.1 h = 6 min counted: raw 12,406,350
                assertEquals(12_406_350L, uint32(master.readMultipleRegisters(FanCoil.FINANCE.unitId(), 0, 4), 0,
                        true));
            }
        }
        for (int i = 0; i < added.size(); i++) {
            var m = added.get(i);
            double delta = uint32(master.readMultipleRegisters(m.unitId(), 0, 4), 0, true) / 100.0 - first[i];
            assertEquals(integral[i], delta, 0.02 + integral[i] * 1e-5, m.name());
            assertTrue(delta > 0, m.name());
        }
        var volts = master.readInputRegisters(DemoMeter.PDU_A.unitId(), 0, 1);
        assertTrue(volts[0].toUnsignedShort() / 10.0 > 465 && volts[0].toUnsignedShort() / 10.0 < 490);
    }

    @Test
    void countersContinueAfterARestart(@TempDir Path dir) throws Exception {
        var clock = new MutableClock(START);
        var file = dir.resolve("counters.properties");
        int port = freePort();
        server = new DemoServer(settings(port), clock, file);
        server.start();
        clock.advance(Duration.ofHours(2));
        var before = server.update().energyKwh();
        server.stop();
        server = null;

        var restarted = new DemoServer(settings(port), clock, file);
        assertEquals(before, restarted.simulator().snapshot().energyKwh());
        assertTrue(before.get(DemoMeter.MAIN) > DemoMeter.MAIN.initialKwh() + 100);
        // the fan coils' running hours continue too (07:00-09:00 on 3 March: both ran)
        for (var f : FanCoil.values()) {
            double hours = restarted.fanCoil(f).hours();
            assertTrue(hours > f.initialHours() + 0.75 && hours < f.initialHours() + 2, f + " " + hours);
        }
    }

    @Test
    void gasMeterAtUnit15CountsTheBoilerFlowAndContinuesAfterARestart(@TempDir Path dir) throws Exception {
        var clock = new MutableClock(START);
        var file = dir.resolve("counters.properties");
        int port = freePort();
        server = new DemoServer(settings(port), clock, file);
        server.start();
        master = new ModbusTCPMaster("127.0.0.1", port, 2000, false);
        master.connect();
        var first = master.readMultipleRegisters(GasMeter.UNIT_ID, 0, 4);
        assertEquals(18_340_255L, uint32(first, 0, true)); // 183,402.55 m3 in 0.01 m3
        double previous = uint32(first, 0, true) / 100.0;
        double integral = 0;
        for (int step = 0; step < 180; step++) { // 07:00 to 10:00 local, early March: heating on
            clock.advance(Duration.ofMinutes(1));
            server.update();
            var r = master.readMultipleRegisters(GasMeter.UNIT_ID, 0, 4);
            double m3 = uint32(r, 0, true) / 100.0;
            float flow = float32(r, 2, true);
            assertTrue(m3 >= previous, "gas counter went down at step " + step);
            // occupied; outdoor on 3 March: 18 - 8 cos(2 pi 42 / 365.25) = 12.0 degC seasonal, daily swing
            // 6 sin(2 pi (h - 9) / 24) = -3.0 at 07:00 .. +1.55 at 10:00, so T = 9.0 .. 13.55 degC and the flow
            // 0.8 + 1.1 x (16 - T) = 3.50 .. 8.50 m3/h; +-3 % noise, 3 sigma: 3.18 .. 9.27
            assertTrue(flow > 3.18 && flow < 9.27, "gas flow " + flow + " m3/h at step " + step);
            integral += flow / 60.0;
            previous = m3;
        }
        double delta = previous - 183_402.55;
        assertEquals(integral, delta, 0.02 + integral * 1e-5);
        server.stop();
        server = null;
        master.disconnect();
        master = null;
        var restarted = new DemoServer(settings(port), clock, file);
        assertTrue(restarted.gas().volumeM3() >= previous && restarted.gas().volumeM3() < previous + 0.01,
                "restarted at " + restarted.gas().volumeM3() + " after " + previous);
    }
}
