package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.gridprint.api.Quantity;
import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** Meter profiles as data: the shipped ones, errors naming the point, CT/PT ratios, a device reading through one. */
class ProfileTest {

    @TempDir
    Path etc;

    @AfterEach
    void closeSlaves() {
        ModbusSlaveFactory.close();
    }

    private ProfileLoader loader() {
        return new ProfileLoader(etc, getClass().getClassLoader());
    }

    @Test
    void everyShippedProfileParsesAndCitesItsSource() {
        for (var name : ProfileLoader.shipped()) {
            var result = loader().load(name);
            assertTrue(result.valid(), name + ": " + result.errors());
            var p = result.profile();
            assertFalse(p.document().isBlank(), name);
            assertFalse(p.revision().isBlank(), name);
            assertTrue(p.points().size() >= 3, name);
            if (!name.startsWith("gridprint-")) {
                assertTrue(p.points().stream().anyMatch(x -> x.quantity() == Quantity.ACTIVE_ENERGY_IMPORT),
                        name + " reads the meter's own import energy register");
            }
        }
    }

    @Test
    void dataSheetAndZeroBasedAddressesAreUnambiguous() {
        var sdm = loader().load("eastron-sdm630").profile();
        var imp = sdm.points().stream().filter(p -> p.name().equals("import_kwh")).findFirst().orElseThrow();
        assertEquals(RegisterFunction.INPUT, imp.function());
        assertEquals(72, imp.address(), "30073 is input register 72 on the wire");
        var iem = loader().load("schneider-iem3000").profile();
        var energy = iem.points().stream().filter(p -> p.name().equals("total_import_energy")).findFirst().orElseThrow();
        assertEquals(RegisterFunction.HOLDING, energy.function());
        assertEquals(3203, energy.address());
        assertEquals(DataType.INT64, energy.type());
        assertEquals(new ProfileParser.Modicon(RegisterFunction.COIL, 16), ProfileParser.modicon("00017"));
        assertEquals(new ProfileParser.Modicon(RegisterFunction.HOLDING, 19000), ProfileParser.modicon("419001"));
        assertEquals(null, ProfileParser.modicon("50001"));
    }

    @Test
    void aProfileWithAnErrorIsRefusedWithThePointNamed() throws Exception {
        Files.writeString(etc.resolve("bad-meter.yaml"), """
                model: X1
                manufacturer: Acme
                source: { document: "X1 manual", revision: "A" }
                points:
                  - { name: energy, quantity: ACTIVE_ENERGY_IMPORT, register: 30001, type: float32, unit: kWh }
                  - { name: power, quantity: POWR, register: 30003, type: float32 }
                  - { name: volts, quantity: VOLTAGE, register: 30002, type: float32 }
                  - { name: both, quantity: CURRENT, register: 30011, address: 10, function: input, type: int16 }
                """);
        var result = loader().load("bad-meter");
        assertFalse(result.valid());
        var all = String.join("\n", result.errors());
        var where = "profile bad-meter (" + etc.resolve("bad-meter.yaml") + "): ";
        assertTrue(all.contains(where + "points[1] \"power\".quantity = \"POWR\": expected one of ACTIVE_ENERGY_IMPORT"),
                all);
        assertTrue(all.contains(where + "points[2] \"volts\" (input registers 1..2 (2 registers)) overlaps points[0] "
                + "\"energy\" (input registers 0..1 (2 registers)): register offset overflow"), all);
        assertTrue(all.contains(where + "points[3] \"both\": register = \"30011\" and address = \"10\" both given"), all);

        // a device naming it is a configuration error naming PID, file and point
        var props = new HashMap<String, Object>(Map.of("id", "x1", "bridge", "gw", "profile", "bad-meter", "meter",
                "hq/x1", "service.pid", "org.gridprint.driver.modbus~x1"));
        var invalid = assertInstanceOf(ParsedConfig.Invalid.class, DeviceConfigParser.parse(props, loader()));
        assertTrue(invalid.message().startsWith("org.gridprint.driver.modbus~x1: profile bad-meter ("), invalid.message());
    }

    @Test
    void aJsonProfileInEtcIsReadAndBrokenSyntaxNamesTheLine() throws Exception {
        Files.writeString(etc.resolve("acme-j1.json"), """
                {"model": "J1", "manufacturer": "Acme", "source": {"document": "J1 sheet", "revision": "3"},
                 "points": [{"name": "kwh", "quantity": "ACTIVE_ENERGY_IMPORT", "address": 0, "function": "holding",
                             "type": "uint32", "scale": 0.1, "unit": "kWh"}]}
                """);
        assertTrue(loader().load("acme-j1").valid(), loader().load("acme-j1").errors().toString());
        Files.writeString(etc.resolve("broken.yaml"), "model: X\npoints:\n  - { name: a, quantity: VOLTAGE\n");
        var broken = loader().load("broken");
        assertTrue(broken.errors().get(0).contains("not valid YAML/JSON at line"), broken.errors().toString());
        var unknown = loader().load("no-such-meter");
        assertTrue(unknown.errors().get(0).contains("no such profile: expected one of abb-b23"), unknown.errors().toString());
    }

    @Test
    void profileSizeLimitsAreEnforcedNamingTheFile() throws Exception {
        // over the byte limit: refused from its size, unread
        var big = etc.resolve("huge.yaml");
        Files.writeString(big, "model: X\n# " + "x".repeat(ProfileParser.MAX_PROFILE_CHARS * 4 + 10) + "\n");
        var huge = loader().load("huge");
        assertFalse(huge.valid());
        assertTrue(huge.errors().get(0).startsWith("profile huge (" + big + "): ") && huge.errors().get(0)
                .contains("expected at most 262144 characters"), huge.errors().toString());
        // over the point limit
        var points = new StringBuilder("model: M\nmanufacturer: A\nsource: { document: d, revision: r }\npoints:\n");
        for (int i = 0; i <= ProfileParser.MAX_POINTS; i++) {
            points.append("  - { name: p").append(i).append(", quantity: VOLTAGE, address: ").append(2 * i)
                    .append(", function: input, type: uint16 }\n");
        }
        Files.writeString(etc.resolve("many.yaml"), points);
        var many = loader().load("many");
        assertTrue(many.errors().stream().anyMatch(e -> e.contains("points: 501 points: expected at most 500")),
                many.errors().toString());
        // an alias bomb
        var bomb = new StringBuilder("model: B\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev).append(", *")
                    .append(prev).append(", *").append(prev).append("]\n");
        }
        Files.writeString(etc.resolve("bomb.yaml"), bomb);
        var refused = loader().load("bomb");
        assertFalse(refused.valid());
        assertTrue(refused.errors().get(0).contains("bomb.yaml"), refused.errors().toString());
        // not UTF-8
        Files.write(etc.resolve("latin.yaml"), new byte[] {'m', ':', ' ', (byte) 0xE9, (byte) 0xFF, '\n'});
        var latin = loader().load("latin");
        assertTrue(latin.errors().get(0).contains("latin.yaml): not UTF-8 text"), latin.errors().toString());
    }

    @Test
    void ctAndPtRatiosScaleCurrentPowerAndEnergyNotFrequency() throws Exception {
        var props = new HashMap<String, Object>(Map.of("id", "sdm", "bridge", "gw", "profile", "eastron-sdm630",
                "meter", "hq/sdm", "ctRatio", "200:5", "ptRatio", "2"));
        var s = ((ParsedConfig.Valid) DeviceConfigParser.parse(props, loader())).settings();
        for (var e : s.entries()) {
            double expected = switch (e.quantity()) {
                case CURRENT -> 40;
                case VOLTAGE -> 2;
                case FREQUENCY -> 1;
                default -> 80;
            };
            assertEquals(expected, e.multiplier(), 0.0, e.name());
        }
        var bad = new HashMap<>(props);
        bad.put("ctRatio", "200/5");
        assertTrue(((ParsedConfig.Invalid) DeviceConfigParser.parse(bad, loader())).message()
                .contains("ctRatio = \"200/5\": expected a positive ratio as primary:secondary (e.g. 200:5)"));
    }

    @Test
    void aDeviceReadsAnSdm630ThroughItsProfileWithACt() throws Exception {
        // a j2mod slave holding SDM630 input registers as float32 ABCD
        var image = new SimpleProcessImage(4);
        for (int i = 0; i < 80; i++) {
            image.addInputRegister(new SimpleInputRegister(0));
        }
        putFloat(image, 0, 230.5f);   // 30001 voltage
        putFloat(image, 6, 2.5f);     // 30007 current (secondary, 5 A CT)
        putFloat(image, 52, 575.0f);  // 30053 power W
        putFloat(image, 70, 50.0f);   // 30071 frequency
        putFloat(image, 72, 12.5f);   // 30073 import kWh
        putFloat(image, 74, 0.0f);
        putFloat(image, 76, 1.0f);
        putFloat(image, 78, 0.0f);
        int port = TestSupport.freePort();
        TestSupport.startSlave(port, 4, image);
        var props = new HashMap<String, Object>(Map.of("id", "sdm", "host", "127.0.0.1", "port", String.valueOf(port),
                "unitId", "4", "profile", "eastron-sdm630", "meter", "hq/sdm", "ctRatio", "200:5"));
        var clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
        var ingest = new RecordingIngest();
        var device = ModbusDevice.create(DeviceConfigParser.parse(props, loader()), clock, () -> ingest,
                new RecordingAlarms());
        try {
            assertEquals(3, device.plan().size(), "input 0..7, 52..53 and 70..79 (gaps <= maxGap 8 merged)");
            var outcome = (PollOutcome.Polled) device.pollOnce();
            assertTrue(outcome.complete(), outcome.failures().toString());
            var byQuantity = new HashMap<Quantity, Double>();
            outcome.readings().forEach(r -> byQuantity.put(r.quantity(), r.value()));
            assertEquals(230.5, byQuantity.get(Quantity.VOLTAGE), 0.0);
            assertEquals(100.0, byQuantity.get(Quantity.CURRENT), 0.0, "2.5 A x 40");
            assertEquals(23.0, byQuantity.get(Quantity.ACTIVE_POWER), 1e-9, "575 W x 40 = 23 kW");
            assertEquals(500.0, byQuantity.get(Quantity.ACTIVE_ENERGY_IMPORT), 0.0, "12.5 kWh x 40");
            assertEquals(50.0, byQuantity.get(Quantity.FREQUENCY), 0.0);
        } finally {
            device.stop();
        }
    }

    @Test
    void aDeviceReadsAnEm24ThroughItsProfileAtTheManufacturersAddresses() throws Exception {
        // a j2mod slave laid out as table 2.3-1 of the EM24-DIN Communication Protocol: INT32 low word first (CDAB)
        var image = new SimpleProcessImage(7);
        for (int i = 0; i < 0x40; i++) {
            image.addRegister(new com.ghgande.j2mod.modbus.procimg.SimpleRegister(0));
        }
        putInt32Cdab(image, 0x0000, 2305);      // V L1-N x10 -> 230.5 V
        putInt32Cdab(image, 0x000C, 12345);     // A L1 x1000 -> 12.345 A
        putInt32Cdab(image, 0x0028, 15000);     // W sum x10 -> 1500 W
        image.getRegister(0x0033).setValue(500); // Hz x10 -> 50.0 Hz
        putInt32Cdab(image, 0x0034, 1234567);   // kWh(+) TOT x10 -> 123456.7 kWh
        int port = TestSupport.freePort();
        TestSupport.startSlave(port, 7, image);
        var props = new HashMap<String, Object>(Map.of("id", "em24", "host", "127.0.0.1", "port",
                String.valueOf(port), "unitId", "7", "profile", "carlo-gavazzi-em24", "meter", "hq/em24", "ctRatio",
                "200:5"));
        var clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
        var ingest = new RecordingIngest();
        var device = ModbusDevice.create(DeviceConfigParser.parse(props, loader()), clock, () -> ingest,
                new RecordingAlarms());
        try {
            var outcome = (PollOutcome.Polled) device.pollOnce();
            assertTrue(outcome.complete(), outcome.failures().toString());
            var byQuantity = new HashMap<Quantity, Double>();
            outcome.readings().forEach(r -> byQuantity.put(r.quantity(), r.value()));
            assertEquals(5, byQuantity.size(), byQuantity.toString());
            assertEquals(230.5, byQuantity.get(Quantity.VOLTAGE), 1e-9);
            assertEquals(12.345, byQuantity.get(Quantity.CURRENT), 1e-9, "the meter applies its own CT: not x40");
            assertEquals(1.5, byQuantity.get(Quantity.ACTIVE_POWER), 1e-9, "1500 W in kW");
            assertEquals(50.0, byQuantity.get(Quantity.FREQUENCY), 1e-9);
            assertEquals(123456.7, byQuantity.get(Quantity.ACTIVE_ENERGY_IMPORT), 1e-6);
        } finally {
            device.stop();
        }
    }

    private static void putInt32Cdab(SimpleProcessImage image, int address, int value) {
        image.getRegister(address).setValue(value & 0xFFFF);
        image.getRegister(address + 1).setValue(value >>> 16);
    }

    private static void putFloat(SimpleProcessImage image, int address, float value) {
        int bits = Float.floatToIntBits(value);
        image.setInputRegister(address, new SimpleInputRegister(bits >>> 16));
        image.setInputRegister(address + 1, new SimpleInputRegister(bits & 0xFFFF));
    }
}
