package org.gridprint.driver.bacnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.gridprint.api.Quantity;
import org.gridprint.driver.bacnet.config.DeviceConfigParser;
import org.gridprint.driver.bacnet.config.ParsedDevice;
import org.gridprint.driver.bacnet.config.ProfileLoader;
import org.gridprint.driver.bacnet.config.StackConfigParser;
import org.junit.jupiter.api.Test;

/** The shipped, commented example configurations are valid and say what they show. */
class ExampleConfigTest {

    static Map<String, Object> load(String file) throws Exception {
        var p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("../../config/" + file))) {
            p.load(in);
        }
        var map = new HashMap<String, Object>();
        p.forEach((k, v) -> map.put((String) k, v));
        return map;
    }

    @Test
    void stackExample() throws Exception {
        var r = StackConfigParser.parse(load("org.gridprint.driver.bacnet.stack-example.cfg.disabled"));
        assertTrue(r.valid(), r.errors().toString());
        assertEquals("127.255.255.255", r.settings().broadcastAddress());
        assertEquals(47808, r.settings().port());
    }

    @Test
    void deviceExample() throws Exception {
        var parsed = DeviceConfigParser.parse(load("org.gridprint.driver.bacnet-example.cfg.disabled"),
                new ProfileLoader(null, BacnetDriver.class.getClassLoader()));
        assertTrue(parsed instanceof ParsedDevice.Valid, parsed.toString());
        var s = ((ParsedDevice.Valid) parsed).settings();
        assertEquals(3, s.points().size());
        assertEquals(Quantity.THERMAL_ENERGY, s.points().get(2).quantity());
        // 1 ton-hour = 12,000 Btu x 1055.05585262 J / 3.6e6 J/kWh
        assertEquals(3.516852842, s.points().get(2).unit().orElseThrow().toCanonical(1), 1e-8);
    }
}
