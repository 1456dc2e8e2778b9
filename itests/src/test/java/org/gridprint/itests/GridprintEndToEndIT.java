package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.device.Device;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * The whole path in the real distribution: a real j2mod Modbus TCP slave on loopback whose counters the test
 * sets ─▶ driver-modbus ─▶ ingest ─▶ Derby ledger ─▶ carbon (400 g/kWh) ─▶ emission records ─▶ gridprint:export
 * (CSV + SHA-256) ─▶ a reading altered directly in the Derby files ─▶ gridprint:verify says BROKEN at its batch.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GridprintEndToEndIT extends GridprintTestSupport {

    private static final String SITE = "it-site";
    private static final String M1 = "it/m1";
    private static final String M2 = "it/m2";
    private static final double FACTOR = 400.0;
    private static final String FACTOR_SOURCE = "Gridprint integration test factor";
    private static final String FACTOR_EDITION = "it-edition-1";
    private static final int UNIT_ID = 1;
    private static final double EPS = 1e-6;

    @Inject
    private ConfigurationAdmin configAdmin;

    private ModbusSlave slave;
    private final List<Configuration> configs = new ArrayList<>();

    @After
    public void cleanUp() throws Exception {
        for (var c : configs) {
            try {
                c.delete();
            } catch (Exception e) {
                // already gone
            }
        }
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
        }
    }

    @Test
    public void modbusToLedgerToCo2eToCsvAndTamperDetection() throws Exception {
        // a. features (booted in this distribution; installed if an operator removed them)
        installFeatureIfMissing("gridprint-modbus");
        installFeatureIfMissing("gridprint-carbon");
        installFeatureIfMissing("gridprint-export");
        for (var bsn : new String[] {"org.gridprint.api", "org.gridprint.core", "org.gridprint.store.derby",
                "org.gridprint.driver.modbus", "org.gridprint.carbon", "org.gridprint.export.csv",
                "org.gridprint.shell", "com.ghgande.j2mod", "com.fazecast.jSerialComm"}) {
            assertActive(bsn);
        }
        Instant testStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);

        // b. a real Modbus TCP slave: it/m1 = holding 0..1, it/m2 = holding 2..3, uint32 big-endian, 0.01 kWh.
        // The values the test writes keep each counter's high word unchanged, so a poll never sees half an update.
        var image = new SimpleProcessImage(UNIT_ID);
        for (int i = 0; i < 4; i++) {
            image.addRegister(new SimpleRegister(0));
        }
        setCounter(image, 0, 100_000); // it/m1 = 1000.00 kWh
        setCounter(image, 2, 50_000); //  it/m2 =  500.00 kWh
        int port = freePort();
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getByName("127.0.0.1"), port, 4, false);
        slave.addProcessImage(UNIT_ID, image);
        slave.open();

        // c. configurations: the site and its factor, the two meters, then the device
        configs.add(factory("org.gridprint.carbon.site", props("id", SITE, "name", "IT site", "timeZone", "UTC",
                "locationFactor", Double.toString(FACTOR), "factorSource", FACTOR_SOURCE,
                "factorEdition", FACTOR_EDITION, "gwpSet", "AR4", "region", "IT")));
        configs.add(factory("org.gridprint.meter", props("id", M1, "site", SITE, "name", "IT meter 1")));
        configs.add(factory("org.gridprint.meter", props("id", M2, "site", SITE, "name", "IT meter 2")));
        var registry = service(MeterRegistry.class);
        await("meters it/m1 and it/m2 declared", WAIT,
                () -> registry.meter(M1).isPresent() && registry.meter(M2).isPresent());
        var device = factory("org.gridprint.driver.modbus", props("id", "it-device", "host", "127.0.0.1",
                "port", Integer.toString(port), "unitId", Integer.toString(UNIT_ID), "pollIntervalSeconds", "1",
                "timeoutMillis", "2000", "registers",
                "meter=" + M1 + ";quantity=ACTIVE_ENERGY_IMPORT;address=0;function=holding;type=uint32;order=big;scale=0.01;unit=kWh,"
                        + "meter=" + M2 + ";quantity=ACTIVE_ENERGY_IMPORT;address=2;function=holding;type=uint32;order=big;scale=0.01;unit=kWh"));
        configs.add(device);

        // d. readings stored; then the counters step and the emissions follow
        var readings = service(ReadingStore.class);
        var emissions = service(EmissionStore.class);
        awaitCounter(readings, M1, 1000.00);
        awaitCounter(readings, M2, 500.00);

        setCounter(image, 0, 101_250); // it/m1 +12.50 kWh
        setCounter(image, 2, 50_325); //  it/m2  +3.25 kWh
        awaitCounter(readings, M1, 1012.50);
        awaitCounter(readings, M2, 503.25);
        var step1 = awaitInterval(emissions, M1, 1000.00, 1012.50);
        assertEmission(step1, 12.50);
        assertEmission(awaitInterval(emissions, M2, 500.00, 503.25), 3.25);

        setCounter(image, 0, 103_000); // it/m1 +17.50 kWh
        awaitCounter(readings, M1, 1030.00);
        assertEmission(awaitInterval(emissions, M1, 1012.50, 1030.00), 17.50);

        // stop polling so that the stored data stop moving, and let carbon catch up with the last readings
        configs.remove(device);
        device.delete();
        await("device it-device unregistered", WAIT, () -> !deviceRegistered("it-device"));
        for (var meter : List.of(M1, M2)) {
            await("emissions of " + meter + " up to its last reading", WAIT, () -> {
                var last = readings.latest(meter, Quantity.ACTIVE_ENERGY_IMPORT).orElseThrow().timestamp();
                var end = emissions.lastIntervalEnd(meter, AccountingMethod.LOCATION_BASED);
                return end.isPresent() && !end.get().isBefore(last);
            });
        }
        var all1 = emissions.emissions(List.of(M1), testStart, Instant.now().plusSeconds(60));
        assertEquals("total kWh of it/m1", 30.0, all1.stream().mapToDouble(r -> r.interval().energy()).sum(), EPS);
        assertEquals("total kg CO2e of it/m1", 30.0 * FACTOR / 1000,
                all1.stream().mapToDouble(EmissionRecord::kgCo2e).sum(), EPS);
        var all2 = emissions.emissions(List.of(M2), testStart, Instant.now().plusSeconds(60));
        assertEquals("total kWh of it/m2", 3.25, all2.stream().mapToDouble(r -> r.interval().energy()).sum(), EPS);

        // e. gridprint:export into a file under the test folder: rows and SHA-256
        Instant exportTo = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Path dir = Path.of(System.getProperty("gridprint.it.target", TARGET), "e2e-export");
        Files.createDirectories(dir);
        Path csv = dir.resolve("it-export.csv");
        String out = execute("gridprint:export --from " + testStart + " --to " + exportTo + " --meters it/* " + csv);
        var sha = Pattern.compile("SHA-256: ([0-9a-fA-F]{64})").matcher(out);
        assertTrue("export output names a SHA-256: " + out, sha.find());
        byte[] bytes = Files.readAllBytes(csv);
        assertEquals("SHA-256 of " + csv, sha.group(1).toLowerCase(Locale.ROOT),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        var lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertTrue("CSV header: " + lines[0], lines[0].startsWith("meter_id,site_id,interval_start,interval_end,"
                + "start_counter_kwh,end_counter_kwh,energy_kwh"));
        var header = List.of(lines[0].split(",", -1));
        int rows = lines.length - 1;
        long expectedRows = all1.size() + all2.size();
        assertEquals("CSV data rows (one per interval of it/m1 and it/m2)", expectedRows, rows);
        assertTrue(out, out.contains("Exported " + rows + " rows"));
        double csvKwh = 0;
        double csvKg = 0;
        boolean stepRow = false;
        for (int i = 1; i < lines.length; i++) {
            var f = lines[i].split(",", -1);
            assertEquals("fields of CSV row " + i + ": " + lines[i], header.size(), f.length);
            assertTrue(lines[i], f[0].equals(M1) || f[0].equals(M2));
            assertEquals(lines[i], SITE, f[header.indexOf("site_id")]);
            assertEquals(lines[i], FACTOR, Double.parseDouble(f[header.indexOf("factor_g_co2e_per_kwh")]), EPS);
            assertEquals(lines[i], FACTOR_SOURCE, f[header.indexOf("factor_source")]);
            double kwh = Double.parseDouble(f[header.indexOf("energy_kwh")]);
            double kg = Double.parseDouble(f[header.indexOf("co2e_kg")]);
            assertEquals("kg = kWh x 400 / 1000 in " + lines[i], kwh * FACTOR / 1000, kg, EPS);
            csvKwh += kwh;
            csvKg += kg;
            if (f[0].equals(M1) && Math.abs(Double.parseDouble(f[header.indexOf("start_counter_kwh")]) - 1000.0) < EPS
                    && Math.abs(Double.parseDouble(f[header.indexOf("end_counter_kwh")]) - 1012.5) < EPS) {
                stepRow = true;
                assertEquals(lines[i], 12.5, kwh, EPS);
                assertEquals(lines[i], 5.0, kg, EPS);
            }
        }
        assertTrue("a CSV row for it/m1 1000 -> 1012.5 kWh", stepRow);
        assertEquals("CSV kWh total", 30.0 + 3.25, csvKwh, EPS);
        assertEquals("CSV kg total", (30.0 + 3.25) * FACTOR / 1000, csvKg, EPS);

        // f. the ledger is intact; alter one stored reading in the Derby files; verify names its batch
        String intact = execute("gridprint:verify");
        assertTrue(intact, intact.contains("ledger intact"));
        service(LedgerService.class);

        Bundle store = bundle("org.gridprint.store.derby");
        store.stop(); // the store flushes and shuts its Derby database down
        long batch;
        try {
            batch = DerbyTamper.changeOneReading(
                    Path.of(System.getProperty("karaf.data"), "gridprint"), repoForDerby(), DERBY_VERSION,
                    M1, "ACTIVE_ENERGY_IMPORT", 1012.50, 1099.99);
        } finally {
            store.start();
        }
        assertActive("org.gridprint.store.derby");
        service(LedgerService.class);
        String broken = awaitValue("gridprint:verify after the tampering", WAIT, () -> {
            String text = execute("gridprint:verify");
            return text.contains("BROKEN") || text.contains("intact") ? text : null;
        });
        assertTrue(broken, broken.contains("BROKEN"));
        assertTrue("verify names batch #" + batch + ": " + broken, broken.contains("batch #" + batch));
        assertTrue("verify names the altered row: " + broken, broken.contains(M1) && broken.contains("1099.99"));
        assertFalse(broken, broken.contains("ledger intact"));
    }

    private boolean deviceRegistered(String id) {
        try {
            var refs = bundleContext.getServiceReferences(Device.class,
                    "(" + Device.PROPERTY_DEVICE_ID + "=" + id + ")");
            return !refs.isEmpty();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String repoForDerby() {
        return System.getProperty("gridprint.it.repo", REPO);
    }

    private static void setCounter(SimpleProcessImage image, int address, long raw) {
        image.getRegister(address).setValue((int) ((raw >>> 16) & 0xFFFF));
        image.getRegister(address + 1).setValue((int) (raw & 0xFFFF));
    }

    private static void awaitCounter(ReadingStore readings, String meter, double kwh) {
        await(meter + " stored at " + kwh + " kWh", WAIT, () -> readings.latest(meter, Quantity.ACTIVE_ENERGY_IMPORT)
                .map(r -> Math.abs(r.value() - kwh) < EPS).orElse(false));
    }

    private static EmissionRecord awaitInterval(EmissionStore emissions, String meter, double from, double to) {
        return awaitValue("emission record of " + meter + " " + from + " -> " + to + " kWh", WAIT,
                () -> emissions.emissions(List.of(meter), Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                        .filter(r -> Math.abs(r.interval().startCounter() - from) < EPS
                                && Math.abs(r.interval().endCounter() - to) < EPS)
                        .findFirst().orElse(null));
    }

    private static void assertEmission(EmissionRecord r, double kwh) {
        assertNotNull(r);
        assertEquals("kWh of " + r, kwh, r.interval().energy(), EPS);
        assertEquals("factor of " + r, FACTOR, r.factor().gramsCo2ePerUnit(), EPS);
        assertEquals(FACTOR_SOURCE, r.factor().source());
        assertEquals(FACTOR_EDITION, r.factor().edition());
        assertEquals(AccountingMethod.LOCATION_BASED, r.factor().method());
        assertEquals(SITE, r.siteId());
        assertEquals("g CO2e of " + r, kwh * FACTOR, r.gramsCo2e(), EPS);
        assertEquals("kg CO2e of " + r, kwh * FACTOR / 1000, r.kgCo2e(), EPS);
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
