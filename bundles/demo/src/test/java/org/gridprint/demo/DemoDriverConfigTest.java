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

    private static final List<String> DEVICE_FILES = List.of("org.gridprint.driver.modbus-demo-main.cfg",
            "org.gridprint.driver.modbus-demo-ahu-1.cfg", "org.gridprint.driver.modbus-demo-chiller-1.cfg",
            "org.gridprint.driver.modbus-demo-lighting.cfg");

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
            assertEquals("gridprint-demo-meter", props.get("profile"));
            var parsed = DeviceConfigParser.parse(props, driver.profiles());
            var settings = assertInstanceOf(ParsedConfig.Valid.class, parsed,
                    () -> ((ParsedConfig.Invalid) parsed).message()).settings();
            assertEquals(3, settings.entries().size());
            var device = driver.device(parsed, () -> ingest, AlarmSink.NONE);
            assertEquals(2, device.plan().size(), "holding 0..3 and input 0");
            var outcome = assertInstanceOf(PollOutcome.Polled.class, device.pollOnce());
            assertTrue(outcome.complete(), outcome.failures().toString());
        }
        assertEquals(4, batches.size());
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
                assertEquals("modbus/demo-" + r.meterId().substring("demo/hq/".length()), r.source());
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
    void everyPolledMeterIsDeclaredWithTheDemoSiteAndParents() throws Exception {
        var declared = new TreeSet<String>();
        try (var files = Files.list(CONFIG)) {
            for (var f : files.filter(p -> p.getFileName().toString().startsWith("org.gridprint.meter-demo-")).toList()) {
                var m = load(f.getFileName().toString());
                declared.add((String) m.get("id"));
                assertEquals("demo-hq", m.get("site"), f.toString());
                var parent = (String) m.get("parent");
                // the gas meter is not under the electrical incomer
                var top = m.get("id").equals("demo/hq/main") || m.get("id").equals(GasMeter.METER_ID);
                assertEquals(top ? "" : "demo/hq/main", parent, f.toString());
            }
        }
        var polled = new TreeSet<String>();
        for (var m : DemoMeter.values()) {
            polled.add(m.meterId());
        }
        polled.add(GasMeter.METER_ID);
        assertEquals(polled, declared);
        var loader = new ProfileLoader(null, ModbusDriver.class.getClassLoader());
        var fromDevices = new TreeSet<String>();
        for (var file : DEVICE_FILES) {
            var parsed = (ParsedConfig.Valid) DeviceConfigParser.parse(load(file), loader);
            fromDevices.addAll(parsed.settings().meterIds());
        }
        var gas = (ParsedConfig.Valid) DeviceConfigParser.parse(load(GAS_FILE), loader);
        fromDevices.addAll(gas.settings().meterIds());
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
