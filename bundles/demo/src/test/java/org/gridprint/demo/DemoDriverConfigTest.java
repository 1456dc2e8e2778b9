package org.gridprint.demo;

import org.gridprint.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.felix.fileinstall.shaded.util.properties.TypedProperties;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.driver.modbus.AlarmSink;
import org.gridprint.driver.modbus.DeviceConfigParser;
import org.gridprint.driver.modbus.BridgeConfigParser;
import org.gridprint.driver.modbus.ModbusDriver;
import org.gridprint.driver.modbus.ProfileLoader;
import org.gridprint.driver.modbus.ParsedConfig;
import org.gridprint.driver.modbus.PollOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * The shipped config/demo files against the running demo slave: the real Modbus driver, configured from
 * the bridge {@code org.gridprint.driver.modbus.bridge-demo.cfg} and the four profile-based device files, reads every
 * demo meter (each at its own unit id) with the values the simulator holds.
 */
class DemoDriverConfigTest {

    private static final Path CONFIG = Path.of("../../config/demo");
    private DemoServer server;
    private ModbusDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.devices().forEach(org.gridprint.driver.modbus.ModbusDevice::stop);
            driver.close();
        }
        if (server != null) {
            server.stop();
        }
        ModbusSlaveFactory.close();
    }

    /** Reads a .cfg file the way Karaf's etc/ watcher (Felix FileInstall) does. */
    static Map<String, Object> load(String file) throws IOException {
        var p = new TypedProperties();
        try (Reader in = Files.newBufferedReader(CONFIG.resolve(file))) {
            p.load(in);
        }
        return new HashMap<>(p);
    }

    /** The devices read with profile gridprint-demo-meter, by meter (the device id follows the file name). */
    private static final Map<DemoMeter, String> DEVICES = new java.util.EnumMap<>(Map.of(
            DemoMeter.MAIN, "demo-main", DemoMeter.AHU_1, "demo-ahu-1", DemoMeter.CHILLER_1, "demo-chiller-1",
            DemoMeter.LIGHTING, "demo-lighting", DemoMeter.AHU_2, "demo-ahu-2", DemoMeter.DC_FACILITY,
            "demo-dc-facility", DemoMeter.PDU_A, "demo-dc-pdu-a", DemoMeter.CRAC_1, "demo-dc-crac-1",
            DemoMeter.PRESS_1, "demo-press-1", DemoMeter.CNC_2, "demo-cnc-2"));
    private static final List<String> DEVICE_FILES = DEVICES.values().stream()
            .map(id -> "org.gridprint.driver.modbus-" + id + ".cfg").toList();
    private static final Map<FanCoil, String> FAN_COIL_FILES = Map.of(
            FanCoil.FINANCE, "org.gridprint.driver.modbus-demo-fcu-finance.cfg",
            FanCoil.OPERATIONS, "org.gridprint.driver.modbus-demo-fcu-operations.cfg");

    @Test
    void driverConfigReadsEveryDemoMeter() throws Exception {
        var bridgeProps = load("org.gridprint.driver.modbus.bridge-demo.cfg");
        assertEquals("15020", bridgeProps.get("port"));
        int port = DemoServerTest.freePort();
        bridgeProps.put("port", String.valueOf(port)); // the test's free port instead of 15020
        var bridge = BridgeConfigParser.parse(bridgeProps);
        assertTrue(bridge.valid(), bridge.errors().toString());

        var clock = new MutableClock(DemoServerTest.START);
        server = new DemoServer(DemoServerTest.settings(port), clock, null);
        server.start();
        clock.advance(Duration.ofMinutes(90));
        var snapshot = server.update();

        driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, ModbusDriver.class.getClassLoader()));
        assertEquals(null, driver.bridges().define(bridge.settings()));
        var batches = new ArrayList<List<Reading>>();
        IngestService ingest = (source, batch) -> {
            batches.add(batch);
            return new IngestResult(List.of(), Optional.empty());
        };
        for (var file : DEVICE_FILES) {
            var props = load(file);
            assertEquals("gridprint-demo-meter", props.get("profile"), file);
            assertEquals(String.valueOf(meter((String) props.get("meter")).unitId()), props.get("unitId"), file);
            var parsed = DeviceConfigParser.parse(props, driver.profiles());
            var settings = assertInstanceOf(ParsedConfig.Valid.class, parsed,
                    () -> ((ParsedConfig.Invalid) parsed).message()).settings();
            assertEquals(3, settings.entries().size());
            var device = driver.device(parsed, () -> ingest, AlarmSink.NONE);
            assertEquals(2, device.plan().size(), "holding 0..3 and input 0");
            var outcome = assertInstanceOf(PollOutcome.Polled.class, device.pollOnce());
            assertTrue(outcome.complete(), outcome.failures().toString());
        }
        assertEquals(10, batches.size());
        for (var batch : batches) {
            assertEquals(3, batch.size());
            for (var r : batch) {
                var meter = meter(r.meterId());
                double expected = switch (r.quantity()) {
                    case ACTIVE_ENERGY_IMPORT -> snapshot.energyKwh().get(meter);
                    case ACTIVE_POWER -> snapshot.powerKw().get(meter);
                    case VOLTAGE -> snapshot.voltage().get(meter);
                    default -> throw new AssertionError(r);
                };
                double tolerance = r.quantity() == Quantity.VOLTAGE ? 0.05 : r.quantity() == Quantity.ACTIVE_POWER
                        ? 0.001 : 0.01;
                assertEquals(expected, r.value(), tolerance, r.toString());
                assertEquals(clock.instant(), r.timestamp());
                assertEquals("modbus/" + DEVICES.get(meter), r.source());
            }
        }
    }

    private static final String GAS_FILE = "org.gridprint.driver.modbus-demo-boiler-gas.cfg";

    @Test
    void gasMeterConfigReadsTheVolumeCounterAtUnit15() throws Exception {
        var bridgeProps = load("org.gridprint.driver.modbus.bridge-demo.cfg");
        int port = DemoServerTest.freePort();
        bridgeProps.put("port", String.valueOf(port));
        var bridge = BridgeConfigParser.parse(bridgeProps);
        var clock = new MutableClock(DemoServerTest.START);
        server = new DemoServer(DemoServerTest.settings(port), clock, null);
        server.start();
        clock.advance(Duration.ofMinutes(90));
        server.update();
        driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, ModbusDriver.class.getClassLoader()));
        assertEquals(null, driver.bridges().define(bridge.settings()));
        var batches = new ArrayList<List<Reading>>();
        IngestService ingest = (source, batch) -> {
            batches.add(batch);
            return new IngestResult(List.of(), Optional.empty());
        };
        var parsed = DeviceConfigParser.parse(load(GAS_FILE), driver.profiles());
        assertInstanceOf(ParsedConfig.Valid.class, parsed, () -> ((ParsedConfig.Invalid) parsed).message());
        var device = driver.device(parsed, () -> ingest, AlarmSink.NONE);
        var outcome = assertInstanceOf(PollOutcome.Polled.class, device.pollOnce());
        assertTrue(outcome.complete(), outcome.failures().toString());
        var r = batches.get(0).get(0);
        assertEquals(GasMeter.METER_ID, r.meterId());
        assertEquals(Quantity.FUEL_VOLUME, r.quantity());
        // the register holds floor(m3 x 100): the reading is within 0.01 m3 below the simulated counter
        double m3 = server.gas().volumeM3();
        assertTrue(r.value() <= m3 && r.value() > m3 - 0.01, r + " vs " + m3);
        assertTrue(m3 > GasMeter.INITIAL_M3);
        assertEquals("modbus/demo-boiler-gas", r.source());
    }

    @Test
    void fanCoilConfigsReadTheRunningHoursAtUnits22And23() throws Exception {
        var bridgeProps = load("org.gridprint.driver.modbus.bridge-demo.cfg");
        int port = DemoServerTest.freePort();
        bridgeProps.put("port", String.valueOf(port));
        var bridge = BridgeConfigParser.parse(bridgeProps);
        var clock = new MutableClock(DemoServerTest.START); // Tuesday 2026-03-03 07:00 New York
        server = new DemoServer(DemoServerTest.settings(port), clock, null);
        server.start();
        clock.advance(Duration.ofMinutes(90));
        server.update();
        driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, ModbusDriver.class.getClassLoader()));
        assertEquals(null, driver.bridges().define(bridge.settings()));
        var batches = new ArrayList<List<Reading>>();
        IngestService ingest = (source, batch) -> {
            batches.add(batch);
            return new IngestResult(List.of(), Optional.empty());
        };
        // 07:00-08:30 on 3 March: 6 cycles; outdoor 12.0 + 6 sin(2 pi (h - 9) / 24) = 9.0 .. 10.9 °C at the cycles'
        // starts, so Finance's duty is 0.40 .. 0.44 (0.60 .. 0.66 h) and Operations' 0.55 .. 0.58 (0.825 .. 0.87 h)
        var bounds = Map.of(FanCoil.FINANCE, new double[] {0.60, 0.66}, FanCoil.OPERATIONS, new double[] {0.825, 0.87});
        for (var e : FAN_COIL_FILES.entrySet()) {
            var props = load(e.getValue());
            assertEquals("gridprint-demo-fcu", props.get("profile"));
            assertEquals(String.valueOf(e.getKey().unitId()), props.get("unitId"));
            var parsed = DeviceConfigParser.parse(props, driver.profiles());
            assertInstanceOf(ParsedConfig.Valid.class, parsed, () -> ((ParsedConfig.Invalid) parsed).message());
            var device = driver.device(parsed, () -> ingest, AlarmSink.NONE);
            var outcome = assertInstanceOf(PollOutcome.Polled.class, device.pollOnce());
            assertTrue(outcome.complete(), outcome.failures().toString());
            var batch = batches.get(batches.size() - 1);
            assertEquals(1, batch.size());
            var r = batch.get(0);
            assertEquals(e.getKey().meterId(), r.meterId());
            assertEquals(Quantity.RUNTIME, r.quantity());
            assertEquals("modbus/" + e.getValue().substring("org.gridprint.driver.modbus-".length(),
                    e.getValue().length() - ".cfg".length()), r.source());
            // the register holds floor(h x 1000): the reading is within 0.001 h below the counter
            double hours = server.fanCoil(e.getKey()).hours();
            assertTrue(r.value() <= hours && r.value() > hours - 0.001, r + " vs " + hours);
            double ran = r.value() - e.getKey().initialHours();
            double[] b = bounds.get(e.getKey());
            assertTrue(ran > b[0] - 0.001 && ran < b[1], e.getKey() + " ran " + ran + " h");
        }
    }

    @Test
    void everyPolledMeterIsDeclaredWithTheDemoSiteAndParents() throws Exception {
        var declared = new TreeSet<String>();
        var departments = new HashMap<String, String>();
        var assetTypes = new HashMap<String, String>();
        var tenants = new HashMap<String, String>();
        try (var files = Files.list(CONFIG)) {
            for (var f : files.filter(p -> p.getFileName().toString().startsWith("org.gridprint.meter-demo-")).toList()) {
                var m = load(f.getFileName().toString());
                declared.add((String) m.get("id"));
                assertEquals("demo-hq", m.get("site"), f.toString());
                var parent = (String) m.get("parent");
                var id = (String) m.get("id");
                // the gas meter and the fan coils' hour counters are not in the electrical tree
                var expectedParent = java.util.Arrays.stream(DemoMeter.values()).filter(d -> d.meterId().equals(id))
                        .findFirst().flatMap(DemoMeter::parent).map(DemoMeter::meterId).orElse("");
                assertEquals(expectedParent, parent, f.toString());
                departments.put(id, (String) m.get("department"));
                assetTypes.put(id, (String) m.get("assetType"));
                tenants.put(id, (String) m.get("tenant"));
            }
        }
        var polled = new TreeSet<String>();
        for (var m : DemoMeter.values()) {
            polled.add(m.meterId());
        }
        polled.add(GasMeter.METER_ID);
        for (var f : FanCoil.values()) {
            polled.add(f.meterId());
        }
        assertEquals(polled, declared);
        // issue 14 item 10: two departments with HVAC submeters under main, a shared chiller split by the fan coils'
        // runtime, a data-center tenant on a PDU, two machines
        assertEquals("Finance", departments.get("demo/hq/ahu-1"));
        assertEquals("Operations", departments.get("demo/hq/ahu-2"));
        assertEquals("AHU", assetTypes.get("demo/hq/ahu-2"));
        assertEquals("", departments.get("demo/hq/chiller-1"));
        assertEquals("Finance", departments.get("demo/hq/fcu-finance"));
        assertEquals("Operations", departments.get("demo/hq/fcu-operations"));
        assertEquals("FCU", assetTypes.get("demo/hq/fcu-finance"));
        assertEquals("FCU", assetTypes.get("demo/hq/fcu-operations"));
        assertEquals("Northwind Cloud", tenants.get("demo/dc/pdu-a"));
        assertEquals("PDU", assetTypes.get("demo/dc/pdu-a"));
        assertEquals("MACHINE", assetTypes.get("demo/plant/press-1"));
        assertEquals("MACHINE", assetTypes.get("demo/plant/cnc-2"));
        var loader = new ProfileLoader(null, ModbusDriver.class.getClassLoader());
        var fromDevices = new TreeSet<String>();
        for (var file : DEVICE_FILES) {
            var parsed = (ParsedConfig.Valid) DeviceConfigParser.parse(load(file), loader);
            fromDevices.addAll(parsed.settings().meterIds());
        }
        var gas = (ParsedConfig.Valid) DeviceConfigParser.parse(load(GAS_FILE), loader);
        fromDevices.addAll(gas.settings().meterIds());
        for (var file : FAN_COIL_FILES.values()) {
            var parsed = (ParsedConfig.Valid) DeviceConfigParser.parse(load(file), loader);
            fromDevices.addAll(parsed.settings().meterIds());
        }
        assertEquals(polled, fromDevices);

        var site = load("org.gridprint.carbon.site-demo.cfg");
        assertEquals("demo-hq", site.get("id"));
        assertEquals(Set.of("AR5"), Set.of(site.get("gwpSet")));
        assertEquals("demo/hq/boiler-gas=fuel/natural_gas/m3", site.get("fuelSeries"));
        var file = load("org.gridprint.carbon.intensity.file-demo.cfg");
        assertEquals("demo-hq", file.get("site"));
        assertTrue(Files.isRegularFile(CONFIG.resolve("intensity/demo-hq-hourly.csv")));
    }

    private static DemoMeter meter(String id) {
        for (var m : DemoMeter.values()) {
            if (m.meterId().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("unknown meter " + id);
    }
}
