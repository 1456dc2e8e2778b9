package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A real full disk (issue 11: a 20 MB disk filled up, Derby shut the database down and the store never came back).
 * Needs a small file system of its own, so it runs only by hand: as root,
 * {@code mount -t tmpfs -o size=20m tmpfs /mnt/gp-small} and then
 * {@code mvn test -pl bundles/store-derby -Dtest=DiskFullTest -Dgridprint.test.smallDisk=/mnt/gp-small}.
 * The test fills the rest of that file system with a ballast file while batches go on, checks that they are refused
 * with a clear text, deletes the ballast and checks that the store is back by itself with nothing acknowledged lost.
 */
@EnabledIfSystemProperty(named = "gridprint.test.smallDisk", matches = ".+")
class DiskFullTest {

    private static Reading at(String meter, int second) {
        return new Reading(meter, E, T0.plusSeconds(second), second, Quality.GOOD, "dev/" + meter);
    }

    @Test
    void theStoreComesBackByItselfWhenSpaceIsFreedAgain() throws Exception {
        var mount = Path.of(System.getProperty("gridprint.test.smallDisk"));
        var dir = Files.createTempDirectory(mount, "store");
        var ballast = mount.resolve("ballast-" + dir.getFileName());
        var alarms = Collections.synchronizedList(new ArrayList<Alarm>());
        var store = DerbyStore.open(dir, Fixtures.CLOCK, StoreOptions.defaults().withFlushThreshold(2_000)
                .withFlushIntervalSeconds(1), alarms::add);
        store.retryInitialMillis = 50;
        store.retryMaxMillis = 500;
        var acknowledged = new ArrayList<Integer>();
        var refusals = new ArrayList<String>();
        try {
            int second = 0;
            for (; second < 2_000; second++) {
                store.append("dev/a", List.of(at("a", second), at("b", second), at("c", second)));
                acknowledged.add(second);
            }
            fill(ballast);
            // go on until Derby runs out of space (bounded)
            for (int i = 0; i < 200_000 && refusals.isEmpty(); i++, second++) {
                try {
                    store.append("dev/a", List.of(at("a", second), at("b", second), at("c", second)));
                    acknowledged.add(second);
                } catch (IllegalStateException e) {
                    refusals.add(e.getMessage());
                }
            }
            assertTrue(!refusals.isEmpty(), "the full disk was noticed");
            assertTrue(refusals.get(0).contains("is unavailable") && refusals.get(0).contains("the driver keeps it"),
                    refusals.get(0));
            System.out.println("refused: " + refusals.get(0));
            // batches go on while the disk stays full: refused, or stored if Derby still finds room (its log file is
            // preallocated); reopen attempts may succeed and fail again: still one alarm
            for (int i = 0; i < 300; i++, second++) {
                try {
                    store.append("dev/a", List.of(at("a", second), at("b", second), at("c", second)));
                    acknowledged.add(second);
                } catch (IllegalStateException e) {
                    refusals.add(e.getMessage());
                }
                Thread.sleep(2);
            }
            System.out.println("while full: " + refusals.size() + " refused, reopens " + store.recoveries()
                    + ", failed reopens " + store.failedReopens());
            Files.delete(ballast);
            for (int i = 0; i < 100_000 && !store.available(); i++) {
                Thread.sleep(5);
            }
            assertTrue(store.available(), "back by itself after the space was freed");
            for (int i = 0; i < 100_000; i++) {
                try {
                    store.append("dev/a", List.of(at("a", second), at("b", second), at("c", second)));
                    acknowledged.add(second);
                    break;
                } catch (IllegalStateException e) {
                    Thread.sleep(5); // it may have failed once more while the ballast was being deleted
                }
            }
            for (int s : acknowledged) {
                assertEquals(T0.plusSeconds(s), store.latestBefore("c", E, T0.plusSeconds(s + 1)).orElseThrow()
                        .timestamp());
            }
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            var states = alarms.stream().filter(a -> a.kind() == AlarmKind.STORE_UNAVAILABLE)
                    .map(a -> a.details().get(EventKeys.ALARM_STATE)).toList();
            assertEquals(List.of(EventKeys.RAISED, EventKeys.CLEARED), states);
            alarms.forEach(a -> System.out.println("alarm: " + a.message()));
        } finally {
            Files.deleteIfExists(ballast);
            store.close();
        }
    }

    /** Writes zeros into {@code file} until the file system is full. */
    private static void fill(Path file) throws IOException {
        try (var ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            var buf = ByteBuffer.allocate(64 * 1024);
            while (true) {
                buf.clear();
                ch.write(buf);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }
}
