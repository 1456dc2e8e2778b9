package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.junit.After;
import org.junit.Before;
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
 * The whole path in the real distribution, in one Karaf boot:
 * <ul>
 * <li>{@link #modbusToLedgerToCo2eToCsvAndTamperDetection}: a real j2mod Modbus TCP slave on loopback whose
 * counters the test sets ─▶ driver-modbus ─▶ ingest ─▶ Derby ledger ─▶ carbon (1-minute windows, 400 g/kWh, both Scope 2 methods) ─▶
 * emission windows (exact sums, store totals) ─▶
 * replaying every stored reading changes nothing ─▶ gridprint:export (CSV + SHA-256) ─▶ a reading altered directly
 * in the Derby files ─▶ gridprint:verify says BROKEN at its batch.</li>
 * <li>{@link #badReadingsAreRejectedOneByOneAndConflictsQuarantined}: NaN, infinite, future and unknown-meter
 * readings are Invalid with a reason while the good one of the same batch is stored; a different value for a
 * stored key is a Conflict, quarantined and shown by gridprint:quarantine.</li>
 * <li>{@link #oneBadDeviceOrMeterConfigurationNeverStopsTheOthers}: a device with a bad register type, a device
 * on a closed port and a bad meter configuration are reported (gridprint:devices, alarms) while the good device
 * keeps storing readings.</li>
 * </ul>
 * The methods do not depend on each other's order: each uses its own meters (it/*, iv/*, fx/*), its own slave and
 * configurations, and deletes them afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GridprintEndToEndIT extends GridprintTestSupport {

    private static final String SITE = "it-site";
    private static final String PROVIDER = "it-static";
    private static final String M1 = "it/m1";
    private static final String M2 = "it/m2";
    private static final double FACTOR = 400.0;
    private static final String FACTOR_SOURCE = "Gridprint integration test factor";
    private static final String FACTOR_EDITION = "it-edition-1";
    private static final int UNIT_ID = 1;
    private static final double EPS = 1e-6;
    private static final String METER_PID = "org.gridprint.meter";
    private static final String DEVICE_PID = "org.gridprint.driver.modbus";
    /** Bounded wait for alarms and device states (polls every second; a refused connect fails at once). */
    private static final Duration SHORT_WAIT = Duration.ofSeconds(30);

    @Inject
    private ConfigurationAdmin configAdmin;

    private ModbusSlave slave;
    private final List<Configuration> configs = new ArrayList<>();
    private AlarmRecorder alarms;

    @Before
    public void subscribeToAlarms() {
        alarms = AlarmRecorder.register(bundleContext);
    }

    @After
    public void cleanUp() throws Exception {
        if (alarms != null) {
            alarms.close();
        }
        var devices = new ArrayList<String>();
        for (var c : configs) {
            try {
                if (DEVICE_PID.equals(c.getFactoryPid()) && c.getProperties() != null) {
                    devices.add(String.valueOf(c.getProperties().get("id")));
                }
                c.delete();
            } catch (Exception e) {
                // already gone
            }
        }
        // the next method starts without this one's devices (their deletion is asynchronous)
        for (var id : devices) {
            await("device " + id + " unregistered after its configuration was deleted", WAIT,
                    () -> !deviceRegistered(id));
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

        // c. configurations: the site (1-minute windows) with a static intensity provider of 400 g/kWh ranked
        // first, the two meters, then the device
        configs.add(factory("org.gridprint.carbon.intensity.static", props("id", PROVIDER, "site", SITE, "rank", "1",
                "value", Double.toString(FACTOR), "unit", "g/kWh", "source", FACTOR_SOURCE, "edition", FACTOR_EDITION,
                "region", "IT")));
        configs.add(factory("org.gridprint.carbon.site", props("id", SITE, "name", "IT site", "timeZone", "UTC",
                "gwpSet", "AR4", "windowMinutes", "1", "market", "US", "maxPowerKw", "100000000",
                "gapThresholdSeconds", "900")));
        configs.add(factory("org.gridprint.meter", props("id", M1, "site", SITE, "name", "IT meter 1")));
        configs.add(factory("org.gridprint.meter", props("id", M2, "site", SITE, "name", "IT meter 2")));
        var registry = service(MeterRegistry.class);
        await("meters it/m1 and it/m2 declared", WAIT,
                () -> registry.meter(M1).isPresent() && registry.meter(M2).isPresent());
        var device = factory("org.gridprint.driver.modbus", props("id", "it-device", "host", "127.0.0.1",
                "port", Integer.toString(port), "unitId", Integer.toString(UNIT_ID), "pollIntervalSeconds", "1",
                "timeoutMillis", "500", "registers",
                "meter=" + M1 + ";quantity=ACTIVE_ENERGY_IMPORT;address=0;function=holding;type=uint32;order=big;scale=0.01;unit=kWh,"
                        + "meter=" + M2 + ";quantity=ACTIVE_ENERGY_IMPORT;address=2;function=holding;type=uint32;order=big;scale=0.01;unit=kWh"));
        configs.add(device);

        // d. readings stored; the counters step; the 1-minute windows follow once a reading after their end exists
        var readings = service(ReadingStore.class);
        var windows = service(EmissionWindowStore.class);
        var catalog = service(FactorCatalog.class);
        awaitCounter(readings, M1, 1000.00);
        awaitCounter(readings, M2, 500.00);

        setCounter(image, 0, 101_250); // it/m1 +12.50 kWh
        setCounter(image, 2, 50_325); //  it/m2  +3.25 kWh
        awaitCounter(readings, M1, 1012.50);
        awaitCounter(readings, M2, 503.25);
        setCounter(image, 0, 103_000); // it/m1 +17.50 kWh
        var lastStep = awaitCounter(readings, M1, 1030.00);
        // hold the counters until a reading after the next minute boundary is stored: every interval with energy
        // then lies inside closed windows
        Instant boundary = lastStep.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        await("a reading of both meters after " + boundary, Duration.ofSeconds(120), () -> List.of(M1, M2).stream()
                .allMatch(m -> readings.latest(m, Quantity.ACTIVE_ENERGY_IMPORT)
                        .map(r -> r.timestamp().isAfter(boundary)).orElse(false)));

        // stop polling so that the stored data stop moving, and let carbon close every window it can
        configs.remove(device);
        device.delete();
        await("device it-device unregistered", WAIT, () -> !deviceRegistered("it-device"));
        for (var meter : List.of(M1, M2)) {
            await("windows of " + meter + " up to the minute of its last reading", WAIT, () -> {
                var last = readings.latest(meter, Quantity.ACTIVE_ENERGY_IMPORT).orElseThrow().timestamp();
                var window = windows.lastWindow(meter, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                        AccountingMethod.LOCATION_BASED);
                var market = windows.lastWindow(meter, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                        AccountingMethod.MARKET_BASED);
                var closedUpTo = last.truncatedTo(ChronoUnit.MINUTES);
                return window.isPresent() && !window.get().end().isBefore(closedUpTo) && market.isPresent()
                        && market.get().end().equals(window.get().end());
            });
        }
        var location1 = windowsOf(windows, M1, AccountingMethod.LOCATION_BASED);
        var location2 = windowsOf(windows, M2, AccountingMethod.LOCATION_BASED);
        var market1 = windowsOf(windows, M1, AccountingMethod.MARKET_BASED);
        // exact: the windows of a run of readings add up to the counter difference to the nano-kWh
        assertEquals("nano-kWh of it/m1's windows = 1030.00 - 1000.00 kWh", 30_000_000_000L,
                location1.stream().mapToLong(EmissionWindow::amountNano).sum());
        assertEquals("nano-kWh of it/m2's windows = 503.25 - 500.00 kWh", 3_250_000_000L,
                location2.stream().mapToLong(EmissionWindow::amountNano).sum());
        assertTrue("the 30 kWh of it/m1 lie in more than one window: " + location1, location1.stream()
                .filter(w -> w.amountNano() > 0).count() >= 1);
        var factor = catalog.byRef(location1.get(0).factorRef()).orElseThrow();
        assertEquals(FACTOR_SOURCE, factor.source());
        assertEquals(FACTOR_EDITION, factor.edition());
        assertEquals(PROVIDER, factor.provider());
        assertEquals(0, new java.math.BigDecimal("400").compareTo(factor.gramsPerUnit()));
        long micrograms = 0;
        for (var w : location1) {
            // by hand: 1 nano-kWh x 400 g/kWh = 0.4 micrograms, rounded half-even once per window
            long expected = new java.math.BigDecimal(w.amountNano()).multiply(new java.math.BigDecimal("0.4"))
                    .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
            assertEquals("micrograms of " + w, expected, w.co2eMicrograms());
            assertEquals(SITE, w.siteId());
            assertEquals(location1.get(0).factorRef(), w.factorRef());
            micrograms += w.co2eMicrograms();
        }
        assertTrue("12 kg CO2e for 30 kWh, to the rounding of each window: " + micrograms,
                Math.abs(micrograms - 12_000_000_000L) <= location1.size());
        // dual reporting: every location-based window has its market-based twin (no instrument: grid average, disclosed)
        assertEquals("market-based twins of it/m1", location1.size(), market1.size());
        for (int i = 0; i < market1.size(); i++) {
            var m = market1.get(i);
            assertEquals(location1.get(i).start(), m.start());
            assertEquals(location1.get(i).amountNano(), m.amountNano());
            assertEquals(location1.get(i).co2eMicrograms(), m.co2eMicrograms());
            assertTrue("disclosed grid average: " + m, m.flags().contains(WindowFlag.GRID_AVERAGE_DISCLOSED));
        }
        // totals computed by the store: the same sums
        var totals = windows.totals(new TotalsQuery(testStart.truncatedTo(ChronoUnit.MINUTES),
                Instant.now().plusSeconds(120), java.time.ZoneOffset.UTC, List.of(TotalsQuery.GroupBy.METER,
                        TotalsQuery.GroupBy.METHOD), java.util.Set.of(M1, M2), SITE, Optional.of(Scope.SCOPE_2),
                Optional.empty(), ""));
        var m1Location = totals.stream().filter(t -> t.group().equals(List.of(M1, "LOCATION_BASED"))).findFirst()
                .orElseThrow(() -> new AssertionError("no total for it/m1 location-based: " + totals));
        assertEquals(30_000_000_000L, m1Location.amountNano());
        assertEquals(micrograms, m1Location.co2eMicrograms());

        // d2. replay: every stored reading of it/m1 and it/m2, read back with ReadingStore.readings and submitted
        // again through IngestService under its own source, is a Duplicate; the reading count, the ledger head and
        // the emission windows stay exactly as they were (the CSV of step e, taken afterwards, still has them all)
        replayStoredReadingsChangesNothing(readings, windows);

        // e. gridprint:export of the emission windows into a file under the test folder: rows and SHA-256
        Instant exportTo = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Path dir = Path.of(System.getProperty("gridprint.it.target", TARGET), "e2e-export");
        Files.createDirectories(dir);
        Path csv = dir.resolve("it-export.csv");
        String out = execute("gridprint:export --force --format emission-windows-csv --from "
                + testStart.truncatedTo(ChronoUnit.MINUTES) + " --to " + exportTo + " --meters it/* " + csv);
        var sha = Pattern.compile("SHA-256: ([0-9a-fA-F]{64})").matcher(out);
        assertTrue("export output names a SHA-256: " + out, sha.find());
        byte[] bytes = Files.readAllBytes(csv);
        assertEquals("SHA-256 of " + csv, sha.group(1).toLowerCase(Locale.ROOT),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        var lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        var header = List.of(lines[0].split(",", -1));
        assertTrue("CSV header: " + lines[0], lines[0].startsWith("meter_id,site_id,quantity,unit,scope,method,start,end,"
                + "amount,co2e_kg"));
        int rows = lines.length - 1;
        long expectedRows = windows.windows(new WindowQuery(testStart.truncatedTo(ChronoUnit.MINUTES), exportTo,
                java.util.Set.of(M1, M2), "", Optional.empty(), Optional.empty())).size();
        assertEquals("CSV data rows (one per window of it/m1 and it/m2, both methods)", expectedRows, rows);
        assertTrue(out, out.contains("Exported " + rows + " rows"));
        java.math.BigDecimal csvKwh = java.math.BigDecimal.ZERO;
        for (int i = 1; i < lines.length; i++) {
            var f = lines[i].split(",", -1);
            assertEquals("fields of CSV row " + i + ": " + lines[i], header.size(), f.length);
            assertTrue(lines[i], f[0].equals(M1) || f[0].equals(M2));
            assertEquals(lines[i], SITE, f[header.indexOf("site_id")]);
            assertEquals(lines[i], FACTOR_SOURCE, f[header.indexOf("factor_source")]);
            if (f[0].equals(M1) && f[header.indexOf("method")].equals("LOCATION_BASED")) {
                csvKwh = csvKwh.add(new java.math.BigDecimal(f[header.indexOf("amount")]));
            }
        }
        assertEquals("CSV kWh of it/m1 location-based, exact", 0, new java.math.BigDecimal("30").compareTo(csvKwh));
        // e2. the export is not replaced without --force; a period far beyond the data held is refused, naming it
        String again = execute("gridprint:export --from " + testStart + " --to " + exportTo + " " + csv);
        assertTrue(again, again.contains(csv + " already exists") && again.contains("--force"));
        assertEquals("the refused export left the file as it was", sha.group(1).toLowerCase(Locale.ROOT),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv))));
        String tooWide = execute("gridprint:export --format readings-csv --from 1970-01-01 --to 9999-12-31 "
                + dir.resolve("all.csv"));
        assertTrue(tooWide, tooWide.contains("the store holds readings from") && tooWide.contains("choose --from/--to"));
        assertFalse("nothing written for a refused period", Files.exists(dir.resolve("all.csv")));
        // e3. the stored readings themselves, streamed: one row per reading of it/m1 and it/m2 in the period
        long storedInPeriod = 0;
        for (var meter : List.of(M1, M2)) {
            for (var quantity : Quantity.values()) {
                storedInPeriod += readings.readings(meter, quantity, testStart, exportTo).size();
            }
        }
        Path readingsCsv = dir.resolve("it-readings.csv");
        String readingsOut = execute("gridprint:export --force --format readings-csv --from " + testStart + " --to "
                + exportTo + " --meters it/* " + readingsCsv);
        assertTrue(readingsOut, readingsOut.contains("Exported " + storedInPeriod + " rows"));
        var readingLines = Files.readString(readingsCsv).split("\r\n");
        assertEquals("readings CSV: header and one line per stored reading", storedInPeriod + 1, readingLines.length);
        assertTrue(readingLines[0], readingLines[0].equals("meter_id,quantity,unit,timestamp,value,quality,source"));

        // f. the ledger is intact; alter one stored reading in the Derby files; verify names its batch
        String intact = execute("gridprint:verify --full");
        assertTrue(intact, intact.contains("ledger intact") && intact.contains("checked batches #1.."));
        service(LedgerService.class);

        Bundle store = bundle("org.gridprint.store.derby");
        store.stop(); // the store flushes, anchors its ledger head and shuts its Derby database down
        Path headLog = Path.of(System.getProperty("karaf.data"), "gridprint", "ledger-head.log");
        assertTrue("the ledger head is anchored outside the database: " + headLog,
                Files.exists(headLog) && !Files.readAllLines(headLog).isEmpty());
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
            String text = execute("gridprint:verify --full"); // the tampered batch is before the checkpoint
            return text.contains("BROKEN") || text.contains("intact") ? text : null;
        });
        assertTrue(broken, broken.contains("BROKEN"));
        assertTrue("verify names batch #" + batch + ": " + broken, broken.contains("batch #" + batch));
        assertTrue("verify names the altered row: " + broken, broken.contains(M1) && broken.contains("1099.99"));
        assertFalse(broken, broken.contains("ledger intact"));
    }

    /** Step d2 of the main flow: run after the device is gone and carbon has caught up, so nothing else moves. */
    private void replayStoredReadingsChangesNothing(ReadingStore readings, EmissionWindowStore windows) {
        var ingest = service(IngestService.class);
        var ledger = service(LedgerService.class);
        Instant far = Instant.now().plusSeconds(3600);
        var stored = new ArrayList<Reading>();
        for (var meter : List.of(M1, M2)) {
            stored.addAll(readings.readings(meter, Quantity.ACTIVE_ENERGY_IMPORT, Instant.EPOCH, far));
        }
        assertTrue("it/m1 and it/m2 have stored readings to replay: " + stored.size(), stored.size() >= 5);
        long countBefore = readings.readingCount();
        var headBefore = ledger.head();
        assertTrue("a ledger head before the replay", headBefore.isPresent());
        var query = new WindowQuery(Instant.EPOCH, far, java.util.Set.of(M1, M2), "", Optional.empty(), Optional.empty());
        var windowsBefore = windows.windows(query);
        assertFalse("emission windows before the replay", windowsBefore.isEmpty());

        var bySource = stored.stream().collect(Collectors.groupingBy(Reading::source, LinkedHashMap::new,
                Collectors.toList()));
        assertEquals("the stored readings carry the device's source", List.of("modbus/it-device"),
                List.copyOf(bySource.keySet()));
        for (var batch : bySource.entrySet()) {
            // twice: in stored order, then reversed (a replay need not keep the order)
            for (var replay : List.of(batch.getValue(), reversed(batch.getValue()))) {
                var result = ingest.submit(batch.getKey(), replay);
                assertEquals("one outcome per replayed reading", replay.size(), result.outcomes().size());
                for (int i = 0; i < replay.size(); i++) {
                    var outcome = result.outcomes().get(i);
                    assertTrue("replayed " + replay.get(i) + " is a Duplicate, got " + outcome,
                            outcome instanceof IngestOutcome.Duplicate);
                    assertEquals(replay.get(i), outcome.reading());
                }
                assertEquals("replay accepted nothing", 0, result.accepted());
                assertTrue("replay committed no ledger batch: " + result.ledgerEntry(), result.ledgerEntry().isEmpty());
            }
        }
        assertEquals("ReadingStore.readingCount() after the replay", countBefore, readings.readingCount());
        assertEquals("LedgerService.head() after the replay", headBefore, ledger.head());
        assertEquals("emission windows of it/m1, it/m2 after the replay", windowsBefore, windows.windows(query));
        assertEquals("the stored readings after the replay", stored, readingsOf(readings, List.of(M1, M2), far));
    }

    private static List<Reading> readingsOf(ReadingStore readings, List<String> meters, Instant to) {
        var all = new ArrayList<Reading>();
        for (var meter : meters) {
            all.addAll(readings.readings(meter, Quantity.ACTIVE_ENERGY_IMPORT, Instant.EPOCH, to));
        }
        return all;
    }

    private static <T> List<T> reversed(List<T> list) {
        var copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /**
     * Bad input through IngestService, one batch: NaN, +Infinity, a timestamp 10 minutes ahead (the limit is 5) and
     * an unknown meter are each Invalid with a reason naming the meter and the problem, the good reading of the same
     * batch is Accepted and stored. Then a different value for the stored key is a Conflict: the stored value stays,
     * the conflict is in ReadingStore.quarantine and gridprint:quarantine, and alarms are posted.
     */
    @Test
    public void badReadingsAreRejectedOneByOneAndConflictsQuarantined() throws Exception {
        final String meter = "iv/m1";
        final String unknownMeter = "iv/no-such-meter";
        final String source = "it/bad-input";
        final var quantity = Quantity.VOLTAGE; // not an energy counter: carbon leaves this meter alone
        configs.add(factory(METER_PID, props("id", meter, "site", "iv-site", "name", "IT bad input meter")));
        var registry = service(MeterRegistry.class);
        await("meter " + meter + " declared", WAIT, () -> registry.meter(meter).isPresent());
        var ingest = service(IngestService.class);
        var store = service(ReadingStore.class);

        // 1. one batch: four bad readings around a good one
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var nan = Reading.good(meter, quantity, now.minusSeconds(3), Double.NaN, source);
        var infinite = Reading.good(meter, quantity, now.minusSeconds(2), Double.POSITIVE_INFINITY, source);
        var good = Reading.good(meter, quantity, now.minusSeconds(1), 231.5, source);
        var future = Reading.good(meter, quantity, now.plus(10, ChronoUnit.MINUTES), 230.0, source);
        var unknown = Reading.good(unknownMeter, quantity, now.minusSeconds(1), 230.0, source);
        var result = ingest.submit(source, List.of(nan, infinite, good, future, unknown));
        assertEquals("one outcome per reading: " + result.outcomes(), 5, result.outcomes().size());
        assertInvalid(result.outcomes().get(0), nan, "nan");
        assertInvalid(result.outcomes().get(1), infinite, "infinit");
        assertTrue("the good reading of the batch is Accepted: " + result.outcomes().get(2),
                result.outcomes().get(2) instanceof IngestOutcome.Accepted);
        assertEquals(good, result.outcomes().get(2).reading());
        var futureReason = assertInvalid(result.outcomes().get(3), future, "future");
        assertTrue("the future reason says how far ahead (600 s) or the limit (300 s): " + futureReason,
                futureReason.contains("600") || futureReason.contains("300"));
        assertInvalid(result.outcomes().get(4), unknown, "unknown");
        assertEquals(1, result.accepted());
        assertEquals(4, result.invalid());
        assertTrue("the accepted reading was committed in a ledger batch", result.ledgerEntry().isPresent());
        // stored: exactly the good one (the future one would fall in this window too)
        var window = store.readings(meter, quantity, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS));
        assertEquals("stored readings of " + meter, List.of(good), window);
        assertTrue("nothing stored for " + unknownMeter, store.latest(unknownMeter, quantity).isEmpty());
        var invalidAlarm = alarms.await(AlarmKind.INVALID_READING, "from " + source, SHORT_WAIT,
                e -> source.equals(AlarmRecorder.text(e, EventKeys.SOURCE)));
        assertTrue(AlarmRecorder.describe(invalidAlarm), AlarmRecorder.meterIds(invalidAlarm).containsAll(
                List.of(meter, unknownMeter)));
        assertTrue(AlarmRecorder.describe(invalidAlarm), AlarmRecorder.text(invalidAlarm, EventKeys.MESSAGE)
                .contains(meter));

        // 2. a different value for the stored key: Conflict, quarantined, the stored value kept; the same value again
        // in the same batch is a Duplicate; nothing accepted, but the quarantined conflict is ledgered (contract v2:
        // a batch that accepted or quarantined something is an entry, its Q line covers the quarantine row)
        var conflicting = Reading.good(meter, quantity, good.timestamp(), 229.75, source);
        var again = ingest.submit(source, List.of(conflicting, good));
        assertEquals(2, again.outcomes().size());
        assertTrue("a different value for a stored key is a Conflict: " + again.outcomes().get(0),
                again.outcomes().get(0) instanceof IngestOutcome.Conflict);
        var conflict = (IngestOutcome.Conflict) again.outcomes().get(0);
        assertEquals(conflicting, conflict.reading());
        assertEquals("the conflict names the stored value", 231.5, conflict.storedValue(), EPS);
        assertFalse("the conflict has a reason", conflict.reason() == null || conflict.reason().isBlank());
        assertTrue("the same value again is a Duplicate: " + again.outcomes().get(1),
                again.outcomes().get(1) instanceof IngestOutcome.Duplicate);
        assertEquals(0, again.accepted());
        assertTrue("a batch that quarantined a conflict is a ledger entry", again.ledgerEntry().isPresent());
        assertEquals("no reading counted in that entry", 0, again.ledgerEntry().get().readingCount());
        assertEquals("the stored value is unchanged", List.of(good),
                store.readings(meter, quantity, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS)));
        assertEquals(231.5, store.latest(meter, quantity).orElseThrow().value(), EPS);

        var quarantined = store.quarantine(100).stream()
                .filter(q -> q.reading().meterId().equals(meter) && q.reading().timestamp().equals(good.timestamp()))
                .toList();
        assertEquals("one quarantined conflict of " + meter + ": " + quarantined, 1, quarantined.size());
        var q = quarantined.get(0);
        assertEquals(229.75, q.reading().value(), EPS);
        assertEquals(231.5, q.storedValue(), EPS);
        assertEquals(quantity, q.reading().quantity());
        assertEquals(source, q.reading().source());
        assertFalse("the quarantined conflict has a reason", q.reason() == null || q.reason().isBlank());

        String console = execute("gridprint:quarantine");
        var row = console.lines().filter(l -> l.contains(meter)).toList();
        assertEquals("one row of " + meter + " in gridprint:quarantine:\n" + console, 1, row.size());
        assertTrue("the row shows the stored 231.5 and the received 229.75:\n" + console,
                row.get(0).contains("231.5") && row.get(0).contains("229.75") && row.get(0).contains("VOLTAGE"));

        var conflictAlarm = alarms.await(AlarmKind.CONFLICT, "naming " + meter, SHORT_WAIT,
                e -> AlarmRecorder.meterIds(e).contains(meter));
        assertTrue(AlarmRecorder.describe(conflictAlarm),
                AlarmRecorder.text(conflictAlarm, EventKeys.MESSAGE).contains(meter));
    }

    /** An Invalid outcome for {@code reading} whose reason names its meter and {@code problem} (any case). */
    private static String assertInvalid(IngestOutcome outcome, Reading reading, String problem) {
        assertTrue("Invalid expected for " + reading + ", got " + outcome, outcome instanceof IngestOutcome.Invalid);
        assertEquals(reading, outcome.reading());
        var reason = ((IngestOutcome.Invalid) outcome).reason();
        assertTrue("the reason names meter " + reading.meterId() + ": " + reason, reason.contains(reading.meterId()));
        assertTrue("the reason names the problem (" + problem + "): " + reason,
                reason.toLowerCase(Locale.ROOT).contains(problem));
        return reason;
    }

    /**
     * One bad device or meter never stops the others: next to a good device (a real slave), a device whose register
     * type is uint33 (and whose second register has an unknown quantity), a device on a closed loopback port and a
     * meter with counterRollover = abc. gridprint:devices
     * shows CONFIG_ERROR (message naming PID, field and the expected types) and ERROR (with its last error),
     * CONFIG_ERROR and DEVICE_ERROR alarms name the devices, and the good device stays ONLINE and keeps storing.
     */
    @Test
    public void oneBadDeviceOrMeterConfigurationNeverStopsTheOthers() throws Exception {
        final String goodMeter = "fx/m1";
        final String badMeter = "fx/m9";
        final var quantity = Quantity.VOLTAGE; // not an energy counter: carbon leaves these meters alone

        // 1. the good device: a real slave whose register 0 holds 230.5 V (uint16, scale 0.1), polled every second
        var image = new SimpleProcessImage(UNIT_ID);
        image.addRegister(new SimpleRegister(2305));
        int port = freePort();
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getByName("127.0.0.1"), port, 2, false);
        slave.addProcessImage(UNIT_ID, image);
        slave.open();
        configs.add(factory(METER_PID, props("id", goodMeter, "site", "fx-site", "name", "IT good meter")));
        var registry = service(MeterRegistry.class);
        await("meter " + goodMeter + " declared", WAIT, () -> registry.meter(goodMeter).isPresent());
        configs.add(namedFactory(DEVICE_PID, "fx-good", props("id", "fx-good", "host", "127.0.0.1",
                "port", Integer.toString(port), "unitId", Integer.toString(UNIT_ID), "pollIntervalSeconds", "1",
                "timeoutMillis", "500", "registers",
                "meter=" + goodMeter + ";quantity=VOLTAGE;address=0;function=holding;type=uint16;scale=0.1;unit=V")));
        var readings = service(ReadingStore.class);
        await(goodMeter + " stored at 230.5 V", WAIT, () -> readings.latest(goodMeter, quantity)
                .map(r -> Math.abs(r.value() - 230.5) < EPS).orElse(false));

        // 2. the bad ones
        Instant badCreated = Instant.now();
        configs.add(namedFactory(DEVICE_PID, "fx-bad", props("id", "fx-bad", "host", "127.0.0.1",
                "port", Integer.toString(port), "pollIntervalSeconds", "1", "registers",
                "meter=fx/m2;quantity=VOLTAGE;address=0;function=holding;type=uint33;unit=V,"
                        + "meter=fx/m2;quantity=VOLTS;address=1;type=uint16")));
        int closedPort = freePort(); // nothing listens there: every connect is refused
        configs.add(namedFactory(DEVICE_PID, "fx-closed", props("id", "fx-closed", "host", "127.0.0.1",
                "port", Integer.toString(closedPort), "pollIntervalSeconds", "1", "timeoutMillis", "500", "registers",
                "meter=fx/m3;quantity=VOLTAGE;address=0;function=holding;type=uint16;unit=V")));
        configs.add(factory(METER_PID, props("id", badMeter, "site", "fx-site", "counterRollover", "abc")));

        // 3. the bad device configuration: CONFIG_ERROR, its message names PID, field, value and what is expected,
        // for every problem (the bad type of registers[0], the unknown quantity of registers[1])
        var bad = awaitHealth("fx-bad", DeviceState.CONFIG_ERROR);
        var badMessage = bad.lastErrorMessage().orElse("");
        for (var expected : List.of(DEVICE_PID, "registers[0].type", "uint33", "int16", "uint16", "int32", "uint32",
                "int64", "uint64", "float32", "float64", "registers[1].quantity", "VOLTS", "ACTIVE_ENERGY_IMPORT")) {
            assertTrue("fx-bad's message names " + expected + ": " + badMessage, badMessage.contains(expected));
        }
        var badAlarm = alarms.await(AlarmKind.CONFIG_ERROR, "naming device fx-bad", SHORT_WAIT,
                e -> "fx-bad".equals(AlarmRecorder.text(e, EventKeys.DEVICE_ID)));
        var badAlarmMessage = AlarmRecorder.text(badAlarm, EventKeys.MESSAGE);
        assertTrue(AlarmRecorder.describe(badAlarm), badAlarmMessage.contains(DEVICE_PID)
                && badAlarmMessage.contains("registers[0].type") && badAlarmMessage.contains("uint33"));

        // 4. the closed port: ERROR with its last error, and a DEVICE_ERROR alarm naming the device
        var closed = awaitHealth("fx-closed", DeviceState.ERROR);
        assertTrue("fx-closed has a last error time: " + closed, closed.lastError().isPresent());
        var closedMessage = closed.lastErrorMessage().orElse("");
        assertTrue("fx-closed's last error names the device and 127.0.0.1:" + closedPort + ": " + closedMessage,
                closedMessage.contains("fx-closed") && closedMessage.contains("127.0.0.1:" + closedPort));
        var closedAlarm = alarms.await(AlarmKind.DEVICE_ERROR, "naming device fx-closed", SHORT_WAIT,
                e -> "fx-closed".equals(AlarmRecorder.text(e, EventKeys.DEVICE_ID)));
        assertTrue(AlarmRecorder.describe(closedAlarm),
                AlarmRecorder.text(closedAlarm, EventKeys.MESSAGE).contains("fx-closed"));
        assertTrue(AlarmRecorder.describe(closedAlarm), AlarmRecorder.meterIds(closedAlarm).contains("fx/m3"));

        // 5. the bad meter configuration: CONFIG_ERROR naming the field, the meter stays undeclared
        var meterAlarm = alarms.await(AlarmKind.CONFIG_ERROR, "naming meter " + badMeter, SHORT_WAIT,
                e -> AlarmRecorder.text(e, EventKeys.MESSAGE).contains("counterRollover")
                        && (badMeter.equals(AlarmRecorder.text(e, EventKeys.METER_ID))
                                || AlarmRecorder.text(e, EventKeys.MESSAGE).contains(badMeter)));
        var meterAlarmMessage = AlarmRecorder.text(meterAlarm, EventKeys.MESSAGE);
        assertTrue(AlarmRecorder.describe(meterAlarm), meterAlarmMessage.contains(METER_PID)
                && meterAlarmMessage.contains("abc"));
        assertTrue(badMeter + " is not declared", registry.meter(badMeter).isEmpty());
        assertTrue(goodMeter + " is still declared", registry.meter(goodMeter).isPresent());

        // 6. meanwhile the good device stays ONLINE and keeps storing new readings
        Instant afterErrors = Instant.now();
        await(goodMeter + " gets 2 readings newer than the bad configurations (" + badCreated + ") and errors ("
                + afterErrors + ")", WAIT,
                () -> readings.readings(goodMeter, quantity, afterErrors, Instant.now().plusSeconds(60)).size() >= 2);
        var good = awaitHealth("fx-good", DeviceState.ONLINE);
        assertTrue("fx-good succeeded after the bad configurations: " + good,
                good.lastSuccess().orElseThrow().isAfter(afterErrors));
        assertTrue("no reading of the bad devices' meters", readings.latest("fx/m2", quantity).isEmpty()
                && readings.latest("fx/m3", quantity).isEmpty());
        for (var kind : List.of(AlarmKind.CONFIG_ERROR, AlarmKind.DEVICE_ERROR)) {
            assertEquals("no " + kind + " alarm names fx-good", List.of(), alarms.received(kind,
                    e -> "fx-good".equals(AlarmRecorder.text(e, EventKeys.DEVICE_ID))));
        }

        // 7. what operators see: gridprint:devices
        String devices = execute("gridprint:devices");
        var goodRow = deviceRow(devices, "fx-good");
        assertEquals("fx-good's state:\n" + devices, "ONLINE", goodRow.get(2));
        var badRow = deviceRow(devices, "fx-bad");
        assertEquals("fx-bad's state:\n" + devices, "CONFIG_ERROR", badRow.get(2));
        var badCell = badRow.get(5);
        assertTrue("fx-bad's message names its PID:\n" + devices, badCell.contains(DEVICE_PID));
        assertTrue("fx-bad's message is its configuration error (" + badMessage + "), possibly cut:\n" + devices,
                badMessage.startsWith(badCell.endsWith("…") ? badCell.substring(0, badCell.length() - 1) : badCell));
        var closedRow = deviceRow(devices, "fx-closed");
        assertEquals("fx-closed's state:\n" + devices, "ERROR", closedRow.get(2));
        assertFalse("fx-closed shows its last error time:\n" + devices, closedRow.get(4).equals("-"));
        assertTrue("fx-closed shows its last error:\n" + devices, closedRow.get(5).contains("fx-closed"));
    }

    /** Waits (bounded) for the device to reach the state and returns its health. */
    private DeviceHealth awaitHealth(String deviceId, DeviceState state) {
        return awaitValue("device " + deviceId + " in state " + state + " (now " + health(deviceId) + ")", SHORT_WAIT,
                () -> health(deviceId).filter(h -> h.state() == state).orElse(null));
    }

    private Optional<DeviceHealth> health(String deviceId) {
        try {
            for (var ref : bundleContext.getServiceReferences(Device.class,
                    "(" + Device.PROPERTY_DEVICE_ID + "=" + deviceId + ")")) {
                var device = bundleContext.getService(ref);
                if (device != null) {
                    try {
                        return Optional.ofNullable(device.health());
                    } finally {
                        bundleContext.ungetService(ref);
                    }
                }
            }
            return Optional.empty();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The cells of a device's row of gridprint:devices: Device, Driver, State, Last success, Last error, Error message,
     * Meters, Readings.
     */
    private static List<String> deviceRow(String table, String deviceId) {
        for (var line : table.split("\\R")) {
            var cells = List.of(line.trim().split("\\s*[|\u2502]\\s*", -1));
            if (!cells.isEmpty() && cells.get(0).equals(deviceId)) {
                assertEquals("8 cells in the row of " + deviceId + ": " + line, 8, cells.size());
                return cells;
            }
        }
        fail("no row of device " + deviceId + " in gridprint:devices:\n" + table);
        return List.of();
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

    /** Waits for the meter's latest stored counter to be {@code kwh}; returns that reading's time. */
    private static Instant awaitCounter(ReadingStore readings, String meter, double kwh) {
        return awaitValue(meter + " stored at " + kwh + " kWh", WAIT, () -> readings.latest(meter,
                Quantity.ACTIVE_ENERGY_IMPORT).filter(r -> Math.abs(r.value() - kwh) < EPS).map(Reading::timestamp)
                .orElse(null));
    }

    private static List<EmissionWindow> windowsOf(EmissionWindowStore windows, String meter, AccountingMethod method) {
        return windows.windows(new WindowQuery(Instant.EPOCH, Instant.now().plusSeconds(3600), java.util.Set.of(meter),
                "", Optional.of(Scope.SCOPE_2), Optional.of(method)));
    }

    private Configuration factory(String factoryPid, Dictionary<String, Object> properties) throws Exception {
        var c = configAdmin.createFactoryConfiguration(factoryPid, "?");
        c.update(properties);
        return c;
    }

    /** A factory configuration with a readable PID, {@code <factoryPid>~<name>} (Config Admin 1.6). */
    private Configuration namedFactory(String factoryPid, String name, Dictionary<String, Object> properties)
            throws Exception {
        var c = configAdmin.getFactoryConfiguration(factoryPid, name, "?");
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
