package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;
import org.junit.jupiter.api.Test;

class ParserTest {

    private static final String PID = "org.gridprint.driver.modbus~panel3";

    private static Map<String, Object> props(Object registers) {
        var p = new HashMap<String, Object>();
        p.put("service.pid", PID);
        p.put("id", "panel3");
        p.put("host", "10.0.0.7");
        p.put("registers", registers);
        return p;
    }

    private static ParsedConfig.Invalid invalid(Map<String, Object> props) {
        return assertInstanceOf(ParsedConfig.Invalid.class, DeviceConfigParser.parse(props));
    }

    @Test
    void parsesOneStringWithSeveralEntriesAndAppliesDefaults() {
        // as a Karaf .cfg delivers it: one string; continuation lines leave spaces behind the commas
        var parsed = DeviceConfigParser.parse(props(
                "meter=hq/b1/ahu-2;quantity=ACTIVE_ENERGY_IMPORT;address=0;function=holding;type=uint32;order=big;scale=0.01;unit=kWh, "
                        + " meter=hq/b1/ahu-2; quantity=active-power; address=0x10; type=float32; unit=W ;,"
                        + "meter=hq/b1/ahu-2;quantity=VOLTAGE;address=3;function=input;type=uint16;order=little;scale=0.1,"));
        var settings = assertInstanceOf(ParsedConfig.Valid.class, parsed).settings();
        assertEquals("panel3", settings.id());
        assertEquals(502, settings.port());
        assertEquals(1, settings.unitId());
        assertEquals(Duration.ofSeconds(15), settings.pollInterval());
        assertEquals(Duration.ofMillis(1000), settings.timeout());
        assertEquals(8, settings.maxGap());
        assertEquals(10_000, settings.retryBufferReadings());
        assertEquals("modbus/panel3", settings.source());
        assertEquals(3, settings.entries().size());

        var energy = settings.entries().get(0);
        assertEquals(new RegisterEntry(0, "hq/b1/ahu-2", Quantity.ACTIVE_ENERGY_IMPORT, 0, RegisterFunction.HOLDING,
                DataType.UINT32, WordOrder.ABCD, 0.01, Unit.KWH), energy);
        var power = settings.entries().get(1);
        assertEquals(16, power.address());
        assertEquals(Unit.W, power.unit());
        assertEquals(RegisterFunction.HOLDING, power.function());
        var voltage = settings.entries().get(2);
        assertEquals(RegisterFunction.INPUT, voltage.function());
        assertEquals(WordOrder.CDAB, voltage.order());
        assertEquals(Unit.V, voltage.unit(), "unit defaults to the quantity's canonical unit");
        assertEquals(java.util.List.of("hq/b1/ahu-2"), settings.meterIds());
    }

    @Test
    void acceptsAStringArrayAndTypedValues() {
        var p = props(new String[] {"meter=m1;quantity=ACTIVE_POWER;address=0;type=int16;unit=W",
                "meter=m2;quantity=ACTIVE_POWER;address=1;type=int16;unit=W, meter=m3;quantity=ACTIVE_POWER;address=2;type=int16"});
        p.put("port", 1502);
        p.put("unitId", "7");
        p.put("pollIntervalSeconds", "5");
        p.put("enabled", Boolean.FALSE);
        var settings = assertInstanceOf(ParsedConfig.Valid.class, DeviceConfigParser.parse(p)).settings();
        assertEquals(3, settings.entries().size());
        assertEquals(2, settings.entries().get(2).index());
        assertEquals(1502, settings.port());
        assertEquals(7, settings.unitId());
        assertEquals(Duration.ofSeconds(5), settings.pollInterval());
        assertEquals(false, settings.enabled());
    }

    @Test
    void badTypeNamesPidIndexFieldValueAndExpectation() {
        var bad = invalid(props("meter=a;quantity=ACTIVE_POWER;address=0;type=float32,"
                + "meter=b;quantity=ACTIVE_POWER;address=2;type=float32,"
                + "meter=c;quantity=ACTIVE_POWER;address=4;type=uint33"));
        assertEquals(1, bad.errors().size(), bad.message());
        assertEquals(PID + ": registers[2].type = \"uint33\": expected one of int16, uint16, int32, uint32, int64, "
                + "uint64, float32, float64, bool", bad.errors().get(0));
        assertEquals("panel3", bad.deviceId());
    }

    @Test
    void unitMustBeAcceptedByTheQuantity() {
        var bad = invalid(props("meter=a;quantity=ACTIVE_ENERGY_IMPORT;address=0;type=uint32;unit=kW"));
        assertEquals(PID + ": registers[0].unit = \"kW\": not a unit of ACTIVE_ENERGY_IMPORT: expected one of "
                + "Wh, kWh, MWh, therm, MMBtu, GJ", bad.errors().get(0));
    }

    @Test
    void reportsEveryProblemOfEveryEntry() {
        var bad = invalid(props("quantity=POWER;address=-1;type=int16;function=fifo;order=middle;scale=0;colour=red,"
                + "meter=x;quantity=VOLTAGE;address=65535;type=float32,"
                + "garbage"));
        var all = bad.message();
        assertTrue(all.contains(PID + ": registers[0].colour: unknown field"), all);
        assertTrue(all.contains(PID + ": registers[0].meter: missing"), all);
        assertTrue(all.contains(PID + ": registers[0].quantity = \"POWER\": expected one of ACTIVE_ENERGY_IMPORT"), all);
        assertTrue(all.contains(PID + ": registers[0].address = \"-1\": expected a 0-based register address"), all);
        assertTrue(all.contains(PID + ": registers[0].function = \"fifo\": expected one of coil, discrete, holding, input"), all);
        assertTrue(all.contains(PID + ": registers[0].order = \"middle\": expected one of ABCD (big"), all);
        assertTrue(all.contains(PID + ": registers[0].scale = \"0\": expected a finite, non-zero number"), all);
        assertTrue(all.contains(PID + ": registers[1].address = \"65535\": a float32 needs 2 registers"), all);
        assertTrue(all.contains(PID + ": registers[2] = \"garbage\": field \"garbage\" is not key=value"), all);
    }

    @Test
    void rejectsTwoEntriesForTheSameMeterAndQuantity() {
        var bad = invalid(props("meter=a;quantity=VOLTAGE;address=0;type=uint16,meter=a;quantity=VOLTAGE;address=1;type=uint16"));
        assertEquals(PID + ": registers[1]: meter a VOLTAGE is already read by registers[0]: expected one point "
                + "per meter and quantity", bad.errors().get(0));
    }

    @Test
    void messagesNameTheKarafFileWhenThereIsOne() {
        var p = props("meter=a;quantity=VOLTAGE;address=0;type=uint33");
        p.put("felix.fileinstall.filename", "file:/opt/karaf/etc/org.gridprint.driver.modbus-panel3.cfg");
        var bad = invalid(p);
        assertTrue(bad.errors().get(0).startsWith(PID + " (etc/org.gridprint.driver.modbus-panel3.cfg): registers[0].type"),
                bad.message());
        assertEquals(PID + " (etc/org.gridprint.driver.modbus-panel3.cfg)", bad.pid());
    }

    @Test
    void badDeviceFields() {
        var p = props(null);
        p.remove("service.pid");
        p.put("id", "panel 3");
        p.remove("host");
        p.put("port", "abc");
        p.put("unitId", 300);
        p.put("enabled", "yes");
        var bad = invalid(p);
        var all = bad.message();
        assertTrue(all.contains("org.gridprint.driver.modbus~panel 3: id = \"panel 3\": expected a device id without spaces"), all);
        assertTrue(all.contains(": bridge: missing: expected the id of a configured bridge"), all);
        assertTrue(all.contains(": unitId = \"300\": expected an integer 1..247"), all);
        assertTrue(all.contains(": enabled = \"yes\": expected true or false"), all);
        assertTrue(all.contains(": registers is empty: expected a profile"), all);
    }

    @Test
    void unitIdsZeroAndReservedAreRefusedWithTheReason() {
        var p = props("meter=a;quantity=VOLTAGE;address=0;type=uint16");
        p.put("unitId", "0");
        assertTrue(invalid(p).message().contains(PID + ": unitId = \"0\": 0 is the broadcast address"), invalid(p).message());
        p.put("unitId", "248");
        assertEquals(PID + ": unitId = \"248\": 248..255 are reserved by the Modbus serial line specification: "
                + "expected an integer 1..247", invalid(p).errors().get(0));
        p.put("unitId", "247");
        assertEquals(247, ((ParsedConfig.Valid) DeviceConfigParser.parse(p)).settings().unitId());
    }

    @Test
    void overlappingEntriesAreAnErrorNamingBoth() {
        var bad = invalid(props("meter=a;quantity=ACTIVE_ENERGY_IMPORT;address=10;type=uint32,"
                + "meter=a;quantity=ACTIVE_POWER;address=11;type=int16"));
        assertEquals(PID + ": registers[1] (holding 11 int16 (a ACTIVE_POWER)) overlaps registers[0] (holding 10..11 "
                + "uint32 (a ACTIVE_ENERGY_IMPORT)): register offset overflow: expected points that do not share "
                + "registers", bad.errors().get(0));
        // bit fields of one register may share it
        var ok = DeviceConfigParser.parse(props("meter=a;quantity=POWER_FACTOR;address=3;type=bool;bit=0,"
                + "meter=b;quantity=POWER_FACTOR;address=3;type=bool;bit=1"));
        assertInstanceOf(ParsedConfig.Valid.class, ok, () -> ((ParsedConfig.Invalid) ok).message());
    }

    @Test
    void aTooLongRegistersLineIsRefusedUnread() {
        var line = "meter=a;quantity=VOLTAGE;address=0;type=uint16,".repeat(2000);
        var bad = invalid(props(line));
        assertEquals(PID + ": registers: " + line.length() + " characters: expected at most 65536 (use a profile for "
                + "a meter model instead of pasting its map)", bad.errors().get(0));
    }

    @Test
    void bridgeAndHostTogetherAreRefused() {
        var p = props("meter=a;quantity=VOLTAGE;address=0;type=uint16");
        p.put("bridge", "gw-1");
        assertTrue(invalid(p).message().contains(PID + ": host = \"10.0.0.7\": the device also names bridge = "
                + "\"gw-1\""), invalid(p).message());
        p.remove("host");
        var s = ((ParsedConfig.Valid) DeviceConfigParser.parse(p)).settings();
        assertEquals("gw-1", s.bridge());
        assertNull(s.implicitBridge());
    }

    @Test
    void timeoutMustBeShorterThanThePollPeriod() {
        var p = props("meter=a;quantity=VOLTAGE;address=0;type=uint16");
        p.put("pollIntervalSeconds", "1");
        p.put("timeoutMillis", "3000");
        var bad = invalid(p);
        assertEquals(1, bad.errors().size(), bad.message());
        assertEquals(PID + ": timeoutMillis = \"3000\": expected less than the poll period of 1000 ms "
                + "(pollIntervalSeconds = 1) of device panel3", bad.errors().get(0));

        p.put("timeoutMillis", 1000);
        assertTrue(invalid(p).message().contains("timeoutMillis = \"1000\": expected less than the poll period"));

        p.put("timeoutMillis", 999);
        var ok = assertInstanceOf(ParsedConfig.Valid.class, DeviceConfigParser.parse(p)).settings();
        assertEquals(Duration.ofMillis(999), ok.timeout());
    }

    @Test
    void unsetTimeoutFitsAShortPollPeriod() {
        var p = props("meter=a;quantity=VOLTAGE;address=0;type=uint16");
        p.put("pollIntervalSeconds", "1");
        var settings = assertInstanceOf(ParsedConfig.Valid.class, DeviceConfigParser.parse(p)).settings();
        assertEquals(Duration.ofMillis(500), settings.timeout(), "half the period when 1000 ms would not fit");
        p.put("pollIntervalSeconds", "2");
        assertEquals(Duration.ofMillis(1000),
                assertInstanceOf(ParsedConfig.Valid.class, DeviceConfigParser.parse(p)).settings().timeout());
    }

    @Test
    void retryBufferReadings() {
        var p = props("meter=a;quantity=VOLTAGE;address=0;type=uint16");
        p.put("retryBufferReadings", "0");
        assertEquals(0, assertInstanceOf(ParsedConfig.Valid.class, DeviceConfigParser.parse(p)).settings()
                .retryBufferReadings());
        p.put("retryBufferReadings", "-1");
        assertEquals(PID + ": retryBufferReadings = \"-1\": expected an integer 0..1000000", invalid(p).errors().get(0));
    }

    @Test
    void aPollPeriodThatDoesNotDivideTheReportingWindowIsWarnedAbout() {
        var p = props("meter=a;quantity=VOLTAGE;address=0;type=uint16");
        p.put("pollIntervalSeconds", "420");
        var device = new ModbusDevice(DeviceConfigParser.parse(p), java.time.Clock.systemUTC(), () -> null,
                AlarmSink.NONE, s -> (f, a, c) -> new int[c]);
        assertEquals("Modbus device panel3 (" + PID + ", pollIntervalSeconds = 420): the poll period of 420.0 s does "
                + "not divide the reporting window of 3600 s; readings will not fall on the window edges (use a "
                + "divisor, e.g. 1, 5, 15, 60, 300, 900 s for hourly windows)", device.misalignment());
        p.put("pollIntervalSeconds", "900");
        assertNull(new ModbusDevice(DeviceConfigParser.parse(p), java.time.Clock.systemUTC(), () -> null,
                AlarmSink.NONE, s -> (f, a, c) -> new int[c]).misalignment());
        p.put("pollIntervalSeconds", "420");
        p.put("reportingWindowSeconds", "2940");
        assertNull(new ModbusDevice(DeviceConfigParser.parse(p), java.time.Clock.systemUTC(), () -> null,
                AlarmSink.NONE, s -> (f, a, c) -> new int[c]).misalignment());
    }
}
