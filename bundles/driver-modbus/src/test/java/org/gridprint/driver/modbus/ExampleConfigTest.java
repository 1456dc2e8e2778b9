package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Properties;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;
import org.junit.jupiter.api.Test;

/** The shipped, commented example configuration is valid. */
class ExampleConfigTest {

    @Test
    void exampleConfigParses() throws Exception {
        var p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("../../config/org.gridprint.driver.modbus-example.cfg.disabled"))) {
            p.load(in);
        }
        var map = new HashMap<String, Object>();
        p.forEach((k, v) -> map.put((String) k, v));
        var parsed = DeviceConfigParser.parse(map);
        var settings = assertInstanceOf(ParsedConfig.Valid.class, parsed,
                () -> ((ParsedConfig.Invalid) parsed).message()).settings();
        assertEquals("panel-3", settings.id());
        assertEquals(4, settings.entries().size());
        assertEquals(java.time.Duration.ofMillis(1000), settings.timeout());
        assertEquals(10_000, settings.retryBufferReadings());
        var pf = settings.entries().get(3);
        assertEquals(Quantity.POWER_FACTOR, pf.quantity());
        assertEquals(Unit.ONE, pf.unit());
        assertEquals(0x21, pf.address());
        // holding 0..1 and 12..13 are 10 registers apart (> maxGap 8): two holding requests and one input request
        assertEquals(3, ReadPlanner.plan(settings.entries(), settings.maxGap(), settings.maxRegistersPerRead()).size());
    }

    private static java.util.Map<String, Object> load(String file) throws Exception {
        var p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("../../config/" + file))) {
            p.load(in);
        }
        var map = new HashMap<String, Object>();
        p.forEach((k, v) -> map.put((String) k, v));
        return map;
    }

    @Test
    void bridgeAndProfileExamplesParse() throws Exception {
        var bridge = BridgeConfigParser.parse(load("org.gridprint.driver.modbus.bridge-example.cfg.disabled"));
        assertTrue(bridge.valid(), bridge.errors().toString());
        assertEquals("rtu /dev/ttyUSB0 9600 8E1", bridge.settings().endpoint());
        assertEquals(5, bridge.settings().interFrameDelay().toMillis(), "3.5 characters of 11 bits at 9600: 4.01 ms");
        var parsed = DeviceConfigParser.parse(load("org.gridprint.driver.modbus-sdm630-example.cfg.disabled"),
                new ProfileLoader(null, getClass().getClassLoader()));
        var settings = assertInstanceOf(ParsedConfig.Valid.class, parsed,
                () -> ((ParsedConfig.Invalid) parsed).message()).settings();
        assertEquals("rs485-a", settings.bridge());
        assertEquals(7, settings.unitId());
        assertEquals(8, settings.entries().size());
        assertEquals(java.util.List.of("hq/b1/panel-3"), settings.meterIds());
    }

    @Test
    void theDemoBridgeItsProfileDevicesAndTheGasMeterParse() throws Exception {
        var bridge = BridgeConfigParser.parse(load("demo/org.gridprint.driver.modbus.bridge-demo.cfg"));
        assertTrue(bridge.valid(), bridge.errors().toString());
        int devices = 0;
        int fanCoils = 0;
        int gas = 0;
        try (var files = Files.list(Path.of("../../config/demo"))) {
            for (var f : files.filter(p -> p.getFileName().toString().startsWith("org.gridprint.driver.modbus-"))
                    .toList()) {
                var parsed = DeviceConfigParser.parse(load("demo/" + f.getFileName()),
                        new ProfileLoader(null, getClass().getClassLoader()));
                var settings = assertInstanceOf(ParsedConfig.Valid.class, parsed,
                        () -> f + ": " + ((ParsedConfig.Invalid) parsed).message()).settings();
                assertEquals("demo-gw", settings.bridge(), f.toString());
                if (f.getFileName().toString().contains("boiler-gas")) {
                    // the Scope 1 gas meter: one FUEL_VOLUME register, no profile
                    assertEquals(null, settings.profile(), f.toString());
                    assertEquals(java.util.List.of("demo/hq/boiler-gas"), settings.meterIds());
                    gas++;
                    continue;
                }
                if (f.getFileName().toString().contains("-fcu-")) {
                    // the demo's fan-coil runtime counters (issue 14): profile gridprint-demo-fcu, RUNTIME in h
                    assertEquals("gridprint-demo-fcu", settings.profile(), f.toString());
                    fanCoils++;
                    continue;
                }
                assertEquals("gridprint-demo-meter", settings.profile(), f.toString());
                devices++;
            }
        }
        assertEquals(10, devices); // 4 of the first demo + AHU-2, data hall (3), machines (2)
        assertEquals(2, fanCoils);
        assertEquals(1, gas);
    }
}
