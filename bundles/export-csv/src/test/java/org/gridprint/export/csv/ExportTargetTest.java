package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.export.ExportRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports write only regular files, and replace an existing one only with force (issue 11, item 3). */
class ExportTargetTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final EmissionFactor FACTOR = new EmissionFactor(300, "g CO2e/kWh", "test factor", "2026", "AR5",
            "", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);

    @TempDir
    Path dir;

    private final Fakes.Registry registry = new Fakes.Registry().add("hq/a");
    private final Fakes.Emissions emissions = new Fakes.Emissions();
    private final FakeReadingStore readings = new FakeReadingStore().span(T0, T0.plus(Duration.ofDays(2)));

    ExportTargetTest() {
        var interval = new EnergyInterval("hq/a", Quantity.ACTIVE_ENERGY_IMPORT, T0, T0.plus(Duration.ofHours(1)), 1, 3,
                2, Quality.GOOD, Set.of());
        emissions.store(List.of(new EmissionRecord(interval, "hq", FACTOR, 600, T0)));
    }

    private CsvExporter exporter() {
        return new CsvExporter(registry, readings, emissions, new Fakes.Ledger(),
                Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC), "test");
    }

    private ExportRequest request(Path target, boolean force) {
        return new ExportRequest(T0, T0.plus(Duration.ofDays(1)), List.of(), target, force, null);
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
    }

    @Test
    void aDeviceNodeIsRefusedAndNotReplaced() throws Exception {
        for (var device : List.of(Path.of("/dev/full"), Path.of("/dev/null"))) {
            assumeTrue(Files.exists(device, LinkOption.NOFOLLOW_LINKS), device + " exists on this system");
            var modeBefore = mode(device);
            for (var force : List.of(false, true)) {
                var e = assertThrows(IOException.class, () -> exporter().export(request(device, force)));
                assertTrue(e.getMessage().contains(device.toString()) && e.getMessage().contains("a character device"),
                        e.getMessage());
                assertEquals(modeBefore, mode(device), device + " is still a device node");
            }
        }
        assertTrue(emissions.reads.isEmpty(), "refused before any data was read");
    }

    @Test
    void anExistingFileIsRefusedWithoutForceAndReplacedWithIt() throws Exception {
        var target = dir.resolve("e.csv");
        Files.writeString(target, "precious");

        var e = assertThrows(IOException.class, () -> exporter().export(request(target, false)));

        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("already exists")
                && e.getMessage().contains("--force"), e.getMessage());
        assertEquals("precious", Files.readString(target));
        assertEquals(List.of(target), files(), "nothing else written");

        var result = exporter().export(request(target, true));

        assertEquals(1, result.rows());
        assertTrue(Files.readString(target).startsWith("meter_id,"));
        assertEquals(3, files().size());
    }

    @Test
    void anExistingSidecarOrManifestIsRefusedWithoutForce() throws Exception {
        var target = dir.resolve("s.csv");
        Files.writeString(CsvExporter.manifest(target), "{}");

        var e = assertThrows(IOException.class, () -> exporter().export(request(target, false)));

        assertTrue(e.getMessage().contains("s.csv.manifest.json") && e.getMessage().contains("already exists"),
                e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void aSymbolicLinkIsRefusedAndLeftAsItIs() throws Exception {
        var real = dir.resolve("real.csv");
        Files.writeString(real, "keep");
        var link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
        var dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("nowhere.csv"));

        for (var force : List.of(false, true)) {
            for (var target : List.of(link, dangling)) {
                var e = assertThrows(IOException.class, () -> exporter().export(request(target, force)));
                assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("a symbolic link"),
                        e.getMessage());
                assertTrue(Files.isSymbolicLink(target));
            }
        }
        assertEquals("keep", Files.readString(real));
        assertFalse(Files.exists(dir.resolve("nowhere.csv")));
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        var sub = Files.createDirectory(dir.resolve("sub.csv"));

        var e = assertThrows(IOException.class, () -> exporter().export(request(sub, true)));

        assertTrue(e.getMessage().contains(sub.toString()) && e.getMessage().contains("a directory"), e.getMessage());
        try (Stream<Path> inside = Files.list(sub)) {
            assertEquals(0, inside.count());
        }
    }

    @Test
    void aFifoIsRefused() throws Exception {
        var fifo = dir.resolve("pipe.csv");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e);
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "mkfifo made a FIFO");

        var e = assertThrows(IOException.class, () -> exporter().export(request(fifo, true)));

        assertTrue(e.getMessage().contains(fifo.toString()) && e.getMessage().contains("FIFO"), e.getMessage());
        assertEquals(0010000, mode(fifo));
    }

    @Test
    void aMissingDirectoryIsNamed() {
        var target = dir.resolve("no/such/x.csv");

        var e = assertThrows(IOException.class, () -> exporter().export(request(target, false)));

        assertTrue(e.getMessage().contains(target.getParent().toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void aZeroRowExportIsWrittenWithTheHeaderOnly() throws Exception {
        var target = dir.resolve("z.csv");

        var result = exporter().export(new ExportRequest(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)),
                List.of(), target));

        assertEquals(0, result.rows());
        assertEquals(String.join(",", CsvExporter.HEADER) + "\r\n", Files.readString(target));
        assertTrue(Files.readString(CsvExporter.manifest(target)).contains("\"rows\": 0"));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }
}
