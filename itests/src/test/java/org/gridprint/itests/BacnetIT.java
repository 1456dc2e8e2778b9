package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceState;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.ReadingStore;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * BACnet/IP end to end in the real distribution: {@code feature:install gridprint-driver-bacnet} (not booted), a
 * real bacnet4j device on 127.0.0.2:47990 (BacnetItPeer) ─▶ the driver's stack on 127.0.0.1:47990 (Who-Is to
 * 127.0.0.2 only) ─▶ ReadPropertyMultiple every second ─▶ IngestService ─▶ Derby ─▶ carbon (400 g/kWh) ─▶
 * emission records; the console's bacnet-discover and bacnet-objects see the device; a point in a unit Gridprint
 * does not store raises one CONFIG_ERROR alarm while the energy point keeps flowing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BacnetIT extends GridprintTestSupport {

    private static final int PORT = 47990;
    private static final String SITE = "bac-site";
    private static final String METER = "bac/m1";
    private static final double FACTOR = 400.0;
    private static final double EPS = 1e-4; // the device's REAL is a 32-bit float

    @Inject
    private ConfigurationAdmin configAdmin;

    private final List<Configuration> configs = new ArrayList<>();
    private AutoCloseable peer;

    @After
    public void cleanUp() throws Exception {
        for (var c : configs) {
            try {
                c.delete();
            } catch (Exception e) {
                // gone
            }
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    public void bacnetDeviceToStoredReadingsAndEmissions() throws Exception {
        installFeatureIfMissing("gridprint-driver-bacnet");
        installFeatureIfMissing("gridprint-carbon");
        for (var bsn : new String[] {"org.gridprint.driver.bacnet", "org.code-house.bacnet4j.api",
                "org.apache.commons.lang3", "org.gridprint.carbon", "org.gridprint.store.derby"}) {
            assertActive(bsn);
        }
        var alarms = AlarmRecorder.register(bundleContext);
        try {
            var field = new BacnetItPeer(PORT, 1000f);
            peer = field;

            configs.add(factory("org.gridprint.carbon.site", props("id", SITE, "name", "BACnet IT site", "timeZone",
                    "UTC", "locationFactor", Double.toString(FACTOR), "factorSource", "Gridprint BACnet IT factor",
                    "factorEdition", "bac-it-1", "gwpSet", "AR4", "region", "IT")));
            configs.add(factory("org.gridprint.meter", props("id", METER, "site", SITE, "name", "BACnet IT meter")));
            var registry = service(MeterRegistry.class);
            await("meter " + METER + " declared", WAIT, () -> registry.meter(METER).isPresent());
            configs.add(factory("org.gridprint.driver.bacnet.stack", props("id", "it", "bindAddress", "127.0.0.1",
                    "port", Integer.toString(PORT), "broadcastAddress", "127.0.0.2", "broadcastPrefix", "32",
                    "localDeviceInstance", "4194000", "timeoutMillis", "500", "retries", "0")));
            String discovered = awaitValue("gridprint:bacnet-discover finds device 1001", WAIT, () -> {
                var out = execute("gridprint:bacnet-discover --stack it --low 1000 --high 1010 --wait 500");
                return out.contains("127.0.0.2:" + PORT) ? out : null;
            });
            assertTrue(discovered, discovered.contains("1 device(s) answered"));
            var objects = execute("gridprint:bacnet-objects --stack it 1001");
            assertTrue(objects, objects.contains("analog-input:1") && objects.contains("kWh")
                    && objects.contains("main energy"));
            assertTrue(objects, objects.contains("unit not stored by Gridprint"));

            Instant start = Instant.now().minusSeconds(1);
            configs.add(factory("org.gridprint.driver.bacnet", props("id", "bac-it", "stack", "it", "deviceInstance",
                    "1001", "pollIntervalSeconds", "1", "points", "meter=" + METER
                            + ";quantity=ACTIVE_ENERGY_IMPORT;object=ai:1, meter=" + METER
                            + ";quantity=THERMAL_ENERGY;object=ai:2")));
            var readings = service(ReadingStore.class);
            var emissions = service(EmissionStore.class);
            awaitCounter(readings, 1000.0);
            field.energy(1012.5f);
            awaitCounter(readings, 1012.5);
            var record = awaitValue("emission record 1000 -> 1012.5 kWh", WAIT, () -> emissions.emissions(
                    List.of(METER), start, Instant.now().plusSeconds(60)).stream()
                    .filter(r -> Math.abs(r.interval().startCounter() - 1000.0) < EPS
                            && Math.abs(r.interval().endCounter() - 1012.5) < EPS)
                    .findFirst().orElse(null));
            assertEquals(12.5, record.interval().energy(), EPS);
            assertEquals(12.5 * FACTOR, record.gramsCo2e(), 1e-2);
            assertEquals(AccountingMethod.LOCATION_BASED, record.factor().method());
            assertEquals("bac-it-1", record.factor().edition());
            assertEquals("Gridprint BACnet IT factor", record.factor().source());
            // the unknown unit: one alarm naming device and object; the device shows ERROR with the reason
            await("CONFIG_ERROR alarm for analog-input:2", WAIT, () -> !alarms.received(AlarmKind.CONFIG_ERROR,
                    e -> AlarmRecorder.text(e, "message").contains("analog-input:2")
                            && AlarmRecorder.text(e, "message").contains("degrees-fahrenheit")).isEmpty());
            assertEquals(1, alarms.received(AlarmKind.CONFIG_ERROR,
                    e -> AlarmRecorder.text(e, "message").contains("analog-input:2")).size());
            assertEquals(0, readings.latest(METER, Quantity.THERMAL_ENERGY).map(r -> 1).orElse(0).intValue());
            var devices = execute("gridprint:bacnet-devices");
            assertTrue(devices, devices.contains("bac-it") && devices.contains("refused"));
            var device = bundleContext.getService(bundleContext.getServiceReferences(Device.class,
                    "(" + Device.PROPERTY_DEVICE_ID + "=bac-it)").iterator().next());
            assertTrue(device.health().state() == DeviceState.ONLINE || device.health().state() == DeviceState.ERROR);
        } finally {
            alarms.close();
        }
    }

    private static void awaitCounter(ReadingStore readings, double kwh) {
        await(METER + " stored at " + kwh + " kWh", WAIT, () -> readings.latest(METER, Quantity.ACTIVE_ENERGY_IMPORT)
                .map(r -> Math.abs(r.value() - kwh) < EPS).orElse(false));
    }

    private Configuration factory(String factoryPid, Dictionary<String, Object> properties) throws Exception {
        var c = configAdmin.createFactoryConfiguration(factoryPid, "?");
        c.update(properties);
        return c;
    }

    private static Dictionary<String, Object> props(String... keyValues) {
        var d = new Hashtable<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put(keyValues[i], keyValues[i + 1]);
        }
        return d;
    }
}
