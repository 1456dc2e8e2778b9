package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;


import org.gridprint.api.AlarmKind;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceState;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.ReadingStore;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

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

    private AutoCloseable peer;

    @After
    public void cleanUp() throws Exception {
        deleteConfigurations();
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

            configure("org.gridprint.carbon.intensity.static", "id", "bac-it-static", "site", SITE,
                    "rank", "1", "value", Double.toString(FACTOR), "unit", "g/kWh", "source",
                    "Gridprint BACnet IT factor", "edition", "bac-it-1", "region", "IT");
            configure("org.gridprint.carbon.site", "id", SITE, "name", "BACnet IT site", "timeZone",
                    "UTC", "gwpSet", "AR4", "windowMinutes", "1", "market", "US", "maxPowerKw", "100000000");
            configure("org.gridprint.meter", "id", METER, "site", SITE, "name", "BACnet IT meter");
            var registry = service(MeterRegistry.class);
            await("meter " + METER + " declared", WAIT, () -> registry.meter(METER).isPresent());
            configure("org.gridprint.driver.bacnet.stack", "id", "it", "bindAddress", "127.0.0.1",
                    "port", Integer.toString(PORT), "broadcastAddress", "127.0.0.2", "broadcastPrefix", "32",
                    "localDeviceInstance", "4194000", "timeoutMillis", "500", "retries", "0");
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
            configure("org.gridprint.driver.bacnet", "id", "bac-it", "stack", "it", "deviceInstance",
                    "1001", "pollIntervalSeconds", "1", "points", "meter=" + METER
                            + ";quantity=ACTIVE_ENERGY_IMPORT;object=ai:1, meter=" + METER
                            + ";quantity=THERMAL_ENERGY;object=ai:2");
            var readings = service(ReadingStore.class);
            var windows = service(EmissionWindowStore.class);
            var catalog = service(FactorCatalog.class);
            awaitCounter(readings, 1000.0);
            field.energy(1012.5f);
            awaitCounter(readings, 1012.5);
            // the 1-minute windows close once a reading after their end is stored: their energy adds up to the step
            var query = new WindowQuery(start.truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                    Instant.now().plusSeconds(3600), Set.of(METER), "", Optional.of(Scope.SCOPE_2),
                    Optional.of(AccountingMethod.LOCATION_BASED));
            var closed = awaitValue("location-based windows holding 1000 -> 1012.5 kWh", Duration.ofSeconds(150),
                    () -> {
                        var list = windows.windows(query);
                        return list.stream().mapToLong(EmissionWindow::amountNano).sum() == 12_500_000_000L ? list
                                : null;
                    });
            long micrograms = closed.stream().mapToLong(EmissionWindow::co2eMicrograms).sum();
            assertTrue("12.5 kWh x 400 g/kWh = 5 kg, to the rounding of each window: " + micrograms,
                    Math.abs(micrograms - 5_000_000_000L) <= closed.size());
            var factor = catalog.byRef(closed.get(0).factorRef()).orElseThrow();
            assertEquals("bac-it-1", factor.edition());
            assertEquals("Gridprint BACnet IT factor", factor.source());
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
}
