package org.gridprint.driver.bacnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.driver.bacnet.config.DeviceConfigParser;
import org.gridprint.driver.bacnet.config.ParsedDevice;
import org.gridprint.driver.bacnet.config.ProfileLoader;
import org.gridprint.driver.bacnet.config.StackConfigParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.enumerated.ObjectType;

/**
 * The driver against real bacnet4j devices on loopback: the driver's stack on 127.0.0.1:47910, a meter-like device
 * (instance 1001) on 127.0.0.2:47910 found by Who-Is (broadcast to 127.0.0.2 only), a small controller without
 * segmentation (instance 1002, 300 analog inputs) on 127.0.0.3:47910 reached by address, and nothing on 127.0.0.9.
 */
class BacnetDeviceTest {

    static final int PORT = 47910;
    static BacnetDriver driver;
    static BacnetPeer meter;
    static BacnetPeer small;
    static final List<Alarm> alarms = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        meter = BacnetPeer.start("127.0.0.2", "127.0.0.1", PORT, 1001, false);
        meter.ai(1, "main energy", 1000f, EngineeringUnits.kilowattHours, true);
        meter.av(1, "main power", 12_500f, EngineeringUnits.watts);
        meter.ai(2, "chilled water", 10f, EngineeringUnits.tonHours, true);
        meter.bi(1, "pump running", true);
        meter.ai(3, "outside air", 50f, EngineeringUnits.degreesFahrenheit, false);
        small = BacnetPeer.start("127.0.0.3", "127.0.0.1", PORT, 1002, true);
        for (int i = 0; i < 300; i++) {
            small.ai(i, "ai" + i, i * 2f, EngineeringUnits.kilowatts, false);
        }
        driver = new BacnetDriver(Clock.systemUTC());
        driver.open(new ProfileLoader(null, BacnetDriver.class.getClassLoader()));
        var stack = StackConfigParser.parse(Map.of("service.pid", "org.gridprint.driver.bacnet.stack~test", "id", "test",
                "bindAddress", "127.0.0.1", "port", String.valueOf(PORT), "broadcastAddress", "127.0.0.2",
                "broadcastPrefix", "32", "localDeviceInstance", "4194000", "timeoutMillis", "400", "retries", "0"));
        assertTrue(stack.valid(), stack.errors().toString());
        var error = driver.defineStack(stack.settings());
        assertEquals(null, error);
    }

    @AfterAll
    static void down() {
        driver.close();
        meter.close();
        small.close();
    }

    static ParsedDevice parse(Map<String, String> props) {
        var all = new HashMap<String, Object>(props);
        all.putIfAbsent("service.pid", "org.gridprint.driver.bacnet~" + props.get("id"));
        all.putIfAbsent("stack", "test");
        return DeviceConfigParser.parse(all, driver.profiles());
    }

    static List<Alarm> raised(String device, AlarmKind kind) {
        return alarms.stream().filter(a -> a.kind() == kind && a.message().contains(device)
                && !EventKeys.CLEARED.equals(a.details().get(EventKeys.ALARM_STATE))).toList();
    }

    @Test
    void discoveryFindsTheDeviceAndListsItsObjectsWithUnitsAndValues() throws Exception {
        var found = driver.discover("test", 1000, 1001, Optional.empty(), Duration.ofMillis(800));
        assertEquals(1, found.size(), found.toString());
        assertEquals(1001, found.get(0).instance());
        assertEquals("127.0.0.2:" + PORT, found.get(0).address());
        var objects = driver.objects("test", 1001, Optional.empty(), 100);
        var byRef = new HashMap<String, BacnetDriver.ObjectInfo>();
        objects.forEach(o -> byRef.put(o.object().toString(), o));
        assertEquals("main energy", byRef.get("analog-input:1").name());
        assertEquals("kWh", byRef.get("analog-input:1").unitSymbol());
        assertEquals("1000.0", byRef.get("analog-input:1").presentValue());
        assertEquals("ton-h", byRef.get("analog-input:2").unitSymbol());
        assertEquals("active", byRef.get("binary-input:1").presentValue());
        assertEquals("unit not stored by Gridprint", byRef.get("analog-input:3").note());
        meter.setBinary(1, false);
        var again = driver.objects("test", 1001, Optional.empty(), 100);
        assertEquals("inactive", again.stream().filter(o -> o.object().toString().equals("binary-input:1")).findFirst()
                .orElseThrow().presentValue());
        meter.setBinary(1, true);
    }

    @Test
    void writesAConfigurationForWhatWasFoundThatParses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var file = driver.writeConfig("test", 1001, Optional.empty(), "found-1001", "hq/main", dir, 100);
        var text = java.nio.file.Files.readString(file);
        assertTrue(text.contains("object=analog-input:1;unit=kWh"), text);
        assertTrue(text.contains("quantity=THERMAL_ENERGY;object=analog-input:2;unit=ton-h"), text);
        assertTrue(text.contains("analog-input:3 \"outside air\" units degrees-fahrenheit"), text);
        var props = new java.util.Properties();
        try (var r = java.nio.file.Files.newBufferedReader(file)) {
            props.load(r);
        }
        var map = new HashMap<String, Object>();
        props.forEach((k, v) -> map.put((String) k, v));
        var parsed = DeviceConfigParser.parse(map, driver.profiles());
        assertTrue(parsed instanceof ParsedDevice.Valid, parsed.toString());
        assertEquals(3, ((ParsedDevice.Valid) parsed).settings().points().size()); // ai1, ai2, av1 (W)
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> driver.writeConfig("test", 1001, Optional.empty(), "found-1001", "hq/main", dir, 100));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
    }

    @Test
    void readsPointsWithReadPropertyMultipleConvertingUnitsAndFollowsChanges() throws Exception {
        var ingest = new CollectingIngest();
        var d = driver.device(parse(Map.of("id", "main", "deviceInstance", "1001", "profile", "gridprint-demo-bacnet",
                "meter", "hq/main", "pollIntervalSeconds", "60")), () -> ingest, alarms::add);
        try {
            var out = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(List.of(), out.failures());
            // units once (1 request), values (1 request), plus the Who-Is when the stack did not know the device yet
            assertTrue(out.requests() == 2 || out.requests() == 3, "requests " + out.requests());
            assertEquals(1000.0, ingest.of("hq/main", Quantity.ACTIVE_ENERGY_IMPORT).get(0).value(), 1e-9);
            assertEquals(12.5, ingest.of("hq/main", Quantity.ACTIVE_POWER).get(0).value(), 1e-9); // 12,500 W
            // 10 ton-hours = 10 x 12,000 Btu x 1055.05585262 J / 3.6e6 J/kWh = 35.168528421 kWh
            assertEquals(35.168528421, ingest.of("hq/main", Quantity.THERMAL_ENERGY).get(0).value(), 1e-6);
            assertEquals(Quality.GOOD, ingest.readings.get(0).quality());
            assertEquals("bacnet/main", ingest.readings.get(0).source());
            meter.set(ObjectType.analogInput, 1, 1001.5f);
            var out2 = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(1, out2.requests());
            assertEquals(1001.5, out2.readings().stream().filter(r -> r.quantity() == Quantity.ACTIVE_ENERGY_IMPORT)
                    .findFirst().orElseThrow().value(), 1e-9);
        } finally {
            d.stop();
            driver.release(d);
        }
    }

    @Test
    void batchSizeShrinksForADeviceWithoutSegmentation() throws Exception {
        var ingest = new CollectingIngest();
        var points = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            points.append(i == 0 ? "" : ",").append("meter=small/p").append(i).append(";quantity=ACTIVE_POWER;object=ai:")
                    .append(i).append(";unit=kW");
        }
        var d = driver.device(parse(Map.of("id", "small", "deviceInstance", "1002", "address", "127.0.0.3:" + PORT,
                "points", points.toString(), "maxReadsPerRequest", "200")), () -> ingest, alarms::add);
        try {
            var out = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(List.of(), out.failures());
            assertEquals(300, out.readings().size());
            assertEquals(2 * 299.0, ingest.of("small/p299", Quantity.ACTIVE_POWER).get(0).value(), 1e-9);
            assertTrue(d.batchReductions() >= 1, "reductions " + d.batchReductions());
            assertTrue(d.batchSize() < 200, "batch " + d.batchSize());
            // 200 properties do not fit 480 bytes unsegmented, 100 do not either; 50 do: ceil(300 / 50) = 6 requests
            int size = d.batchSize();
            var out2 = (CycleOutcome.Polled) d.pollOnce();
            assertEquals((300 + size - 1) / size, out2.requests());
            assertEquals(300, out2.readings().size());
        } finally {
            d.stop();
            driver.release(d);
        }
    }

    @Test
    void batchSizeShrinksWhenTheDeviceAbortsOrRejectsTheRequest() throws Exception {
        for (boolean reject : new boolean[] {false, true}) {
            String bind = reject ? "127.0.0.6" : "127.0.0.5";
            int instance = reject ? 1006 : 1005;
            try (var peer = BacnetPeer.refusing(bind, "127.0.0.1", PORT, instance, 16, reject)) {
                for (int i = 0; i < 60; i++) {
                    peer.ai(i, "ai" + i, i + 0.5f, EngineeringUnits.kilowattHours, false);
                }
                var ingest = new CollectingIngest();
                var points = new StringBuilder();
                for (int i = 0; i < 60; i++) {
                    points.append(i == 0 ? "" : ",").append("meter=r/p").append(i)
                            .append(";quantity=ACTIVE_ENERGY_IMPORT;object=ai:").append(i).append(";unit=kWh");
                }
                var d = driver.device(parse(Map.of("id", "refusing-" + reject, "deviceInstance", String.valueOf(instance),
                        "address", bind + ":" + PORT, "points", points.toString(), "maxReadsPerRequest", "50")),
                        () -> ingest, alarms::add);
                try {
                    var out = (CycleOutcome.Polled) d.pollOnce();
                    assertEquals(List.of(), out.failures());
                    assertEquals(60, out.readings().size());
                    assertEquals(59.5, ingest.of("r/p59", Quantity.ACTIVE_ENERGY_IMPORT).get(0).value(), 1e-9);
                    // 50 refused, 25 refused, then 12 a request: 12, 12, 12, 12, 12
                    assertEquals(2, d.batchReductions());
                    assertEquals(12, d.batchSize());
                    // the device lookup + 2 refused + 5 answered
                    assertEquals(8, out.requests());
                    var next = (CycleOutcome.Polled) d.pollOnce();
                    assertEquals(5, next.requests());
                    assertEquals(60, next.readings().size());
                    assertEquals(List.of(), raised("refusing-" + reject, AlarmKind.DEVICE_ERROR));
                } finally {
                    d.stop();
                    driver.release(d);
                }
            }
        }
    }

    @Test
    void anErrorPduIsOneAlarmAndTheValueGoesMissingNeverRepeated() throws Exception {
        try (var peer = BacnetPeer.refusing("127.0.0.7", "127.0.0.1", PORT, 1007, 1000, false)) {
            peer.ai(1, "energy", 500f, EngineeringUnits.kilowattHours, false);
            var ingest = new CollectingIngest();
            var d = driver.device(parse(Map.of("id", "denied", "deviceInstance", "1007", "address", "127.0.0.7:" + PORT,
                    "points", "meter=hq/denied;quantity=ACTIVE_ENERGY_IMPORT;object=ai:1;unit=kWh")), () -> ingest,
                    alarms::add);
            try {
                assertEquals(1, ((CycleOutcome.Polled) d.pollOnce()).readings().size());
                peer.transport().denyAll = true;
                for (int i = 0; i < 3; i++) {
                    var out = (CycleOutcome.Polled) d.pollOnce();
                    assertEquals(List.of(), out.readings()); // missing, not the last value again
                    assertTrue(out.failures().get(0).contains("error services/service-request-denied"),
                            out.failures().toString());
                }
                var raised = raised("device denied", AlarmKind.DEVICE_ERROR);
                assertEquals(1, raised.size(), alarms.toString());
                assertTrue(raised.get(0).message().contains("instance 1007"), raised.get(0).message());
                // an Error PDU is no reason to back off: the lookup, 1 good and 3 denied requests, one a cycle
                assertEquals(5, d.requestsSent());
                peer.transport().denyAll = false;
                var back = (CycleOutcome.Polled) d.pollOnce();
                assertEquals(1, back.readings().size());
                assertTrue(alarms.stream().anyMatch(a -> a.message().contains("device denied")
                        && EventKeys.CLEARED.equals(a.details().get(EventKeys.ALARM_STATE))));
            } finally {
                d.stop();
                driver.release(d);
            }
        }
    }

    @Test
    void covNotificationsReplacePollingAndTheSubscriptionIsRenewed() throws Exception {
        var ingest = new CollectingIngest();
        var d = driver.device(parse(Map.of("id", "cov", "deviceInstance", "1001", "points",
                "meter=hq/cov;quantity=ACTIVE_ENERGY_IMPORT;object=ai:1, meter=hq/cov-pump;quantity=POWER_FACTOR;object=bi:1;unit=1",
                "cov", "unconfirmed", "covLifetimeSeconds", "2", "pollIntervalSeconds", "3600")), () -> ingest,
                alarms::add);
        try {
            var first = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(1, d.covSubscribed()); // bi:1 refused COV: polled instead
            assertTrue(d.covState().contains("1 refused"), d.covState());
            assertEquals(2, first.readings().size(), first.toString());
            // the initial notification of the subscription arrives
            waitFor(() -> d.covNotifications() >= 1);
            d.start(); // renewals every 1.2 s on the device's thread (no poll slot within the test)
            long before = d.requestsSent();
            // wait past the first lifetime (2 s), bounded
            long until = System.currentTimeMillis() + 3_500;
            while (System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
            assertTrue(d.requestsSent() >= before + 2, "renewals sent: " + (d.requestsSent() - before));
            long n = d.covNotifications();
            meter.set(ObjectType.analogInput, 1, 2222f);
            waitFor(() -> d.covNotifications() > n);
            var second = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(2222.0, second.readings().stream().filter(r -> r.meterId().equals("hq/cov")).findFirst()
                    .orElseThrow().value(), 1e-9);
            // the refused binary input is read; ai:1 too only when a renewal just replaced the subscription
            assertTrue(second.requests() == 1 || second.requests() == 2, "requests " + second.requests());
        } finally {
            d.stop();
            driver.release(d);
            meter.set(ObjectType.analogInput, 1, 1000f);
        }
    }

    @Test
    void confirmedCovNotificationsArrive() throws Exception {
        var ingest = new CollectingIngest();
        var d = driver.device(parse(Map.of("id", "cov-confirmed", "deviceInstance", "1001", "points",
                "meter=hq/c;quantity=THERMAL_ENERGY;object=ai:2", "cov", "confirmed", "covLifetimeSeconds", "60")),
                () -> ingest, alarms::add);
        try {
            d.pollOnce();
            assertEquals(1, d.covSubscribed());
            long n = d.covNotifications();
            meter.set(ObjectType.analogInput, 2, 20f);
            waitFor(() -> d.covNotifications() > n);
            var out = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(0, out.requests());
            assertEquals(20 * 12_000 * 1055.05585262 / 3.6e6, out.readings().get(0).value(), 1e-6);
        } finally {
            d.stop();
            driver.release(d);
            meter.set(ObjectType.analogInput, 2, 10f);
        }
    }

    @Test
    void anOfflineDeviceRaisesOneAlarmBacksOffGoesStaleAndDoesNotStopOthers() throws Exception {
        var ingest = new CollectingIngest();
        var off = driver.device(parse(Map.of("id", "offline", "deviceInstance", "1009", "address", "127.0.0.9:" + PORT,
                "points", "meter=hq/off;quantity=ACTIVE_POWER;object=ai:1;unit=kW", "staleAfterPeriods", "2",
                "maxBackoffSeconds", "240")), () -> ingest, alarms::add);
        var ok = driver.device(parse(Map.of("id", "still-ok", "deviceInstance", "1001", "points",
                "meter=hq/ok;quantity=ACTIVE_POWER;object=av:1")), () -> ingest, alarms::add);
        try {
            for (int i = 0; i < 4; i++) {
                var o = (CycleOutcome.Polled) off.pollOnce();
                assertEquals(List.of(), o.readings());
                var g = (CycleOutcome.Polled) ok.pollOnce();
                assertEquals(1, g.readings().size());
            }
            var down = raised("device offline", AlarmKind.DEVICE_ERROR);
            assertEquals(1, down.size(), alarms.toString());
            assertTrue(down.get(0).message().contains("no answer"), down.get(0).message());
            assertEquals(1, raised("device offline", AlarmKind.STALE).size());
            // back-off 1, then 2 cycles: attempts in cycles 1, 2 and 4, none in cycle 3
            assertEquals(3, off.requestsSent());
            assertEquals(org.gridprint.api.device.DeviceState.ERROR, off.health().state());
        } finally {
            off.stop();
            ok.stop();
            driver.release(off);
            driver.release(ok);
        }
    }

    @Test
    void aMissingObjectAndAnUnknownUnitEachRaiseOneAlarmNamingDeviceAndObject() throws Exception {
        var ingest = new CollectingIngest();
        var d = driver.device(parse(Map.of("id", "faults", "deviceInstance", "1001", "points",
                "meter=hq/f;quantity=ACTIVE_ENERGY_IMPORT;object=ai:1, meter=hq/f;quantity=ACTIVE_POWER;object=ai:999;unit=kW,"
                        + " meter=hq/f;quantity=TEMPERATURE;object=ai:3")), () -> ingest, alarms::add);
        try {
            for (int i = 0; i < 3; i++) {
                var out = (CycleOutcome.Polled) d.pollOnce();
                assertEquals(1, out.readings().size(), out.toString()); // the good point still arrives
                assertEquals(Quantity.ACTIVE_ENERGY_IMPORT, out.readings().get(0).quantity());
            }
            var missing = raised("device faults", AlarmKind.DEVICE_ERROR);
            assertEquals(1, missing.size(), alarms.toString());
            assertTrue(missing.get(0).message().contains("analog-input:999"), missing.get(0).message());
            assertTrue(missing.get(0).message().contains("unknown-object"), missing.get(0).message());
            var unit = raised("device faults", AlarmKind.CONFIG_ERROR);
            assertEquals(1, unit.size(), alarms.toString());
            assertTrue(unit.get(0).message().contains("analog-input:3"), unit.get(0).message());
            assertTrue(unit.get(0).message().contains("degrees-fahrenheit"), unit.get(0).message());
            assertTrue(d.refusedPoints().containsKey(2));
        } finally {
            d.stop();
            driver.release(d);
        }
    }

    @Test
    void aStackConfiguredAfterTheDeviceIsUsedOnceItIsThere() throws Exception {
        var ingest = new CollectingIngest();
        var d = driver.device(parse(Map.of("id", "late", "stack", "late", "deviceInstance", "1001", "address",
                "127.0.0.2:" + PORT, "points", "meter=hq/late;quantity=ACTIVE_ENERGY_IMPORT;object=ai:1", "cov",
                "confirmed")), () -> ingest, alarms::add);
        try {
            var first = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(List.of(), first.readings());
            assertTrue(first.failures().get(0).contains("stack late is not open"), first.failures().toString());
            assertEquals(1, raised("device late", AlarmKind.DEVICE_ERROR).size());
            var late = StackConfigParser.parse(Map.of("id", "late", "bindAddress", "127.0.0.1", "port",
                    String.valueOf(PORT + 1), "broadcastAddress", "127.0.0.2", "broadcastPrefix", "32",
                    "localDeviceInstance", "4194001", "timeoutMillis", "400", "retries", "0"));
            assertEquals(null, driver.defineStack(late.settings()));
            var second = (CycleOutcome.Polled) d.pollOnce();
            assertEquals(List.of(), second.failures());
            assertEquals(1000.0, second.readings().get(0).value(), 1e-9);
            // COV notifications reach the device through the stack that came later
            waitFor(() -> d.covNotifications() >= 1);
        } finally {
            d.stop();
            driver.release(d);
            driver.undefineStack("late", "org.gridprint.driver.bacnet.stack");
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }

    @Test
    void aSecondStackOnTheSameEndpointIsRefused() {
        var again = StackConfigParser.parse(Map.of("service.pid", "org.gridprint.driver.bacnet.stack~again", "id",
                "again", "bindAddress", "127.0.0.1", "port", String.valueOf(PORT), "localDeviceInstance", "4194001"));
        var error = driver.defineStack(again.settings());
        assertNotNull(error);
        assertTrue(error.contains("127.0.0.1:" + PORT) && error.contains("stack test"), error);
    }
}
