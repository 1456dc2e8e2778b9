package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAdminTest {

    private static final int METERS = 20;

    @TempDir
    Path tmp;

    /** Appends one poll of {@link #METERS} meters per minute until stopped; records what was acknowledged. */
    private static final class Appender implements Runnable {
        final DerbyStore store;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<List<Reading>> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch warmedUp = new CountDownLatch(50);

        Appender(DerbyStore store) {
            this.store = store;
        }

        @Override
        public void run() {
            try {
                // bounded: at most 100,000 batches even if the main thread never says stop
                for (long minute = 0; minute < 100_000 && !stop.get(); minute++) {
                    var batch = poll(METERS, minute);
                    store.append("test/src", batch);
                    acknowledged.add(batch);
                    warmedUp.countDown();
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                while (warmedUp.getCount() > 0) {
                    warmedUp.countDown();
                }
            }
        }
    }

    @Test
    void onlineBackupWhileAppendingHoldsEveryAcknowledgedReadingAndVerifiesIntact() throws Exception {
        var storeDir = tmp.resolve("store");
        var target = tmp.resolve("backups").resolve("b1");
        List<List<Reading>> before;
        try (var store = Fixtures.open(storeDir, 500, 96)) {
            // the store anchors its head in the head log by itself (at the first commit): copied into the backup
            var appender = new Appender(store);
            var thread = new Thread(appender, "appender");
            thread.start();
            assertTrue(appender.warmedUp.await(60, TimeUnit.SECONDS));
            before = List.copyOf(appender.acknowledged);
            var written = store.backup(target);
            int afterBackup = appender.acknowledged.size();
            appender.stop.set(true);
            thread.join(60_000);
            assertFalse(thread.isAlive());
            if (appender.failure.get() != null) {
                throw new AssertionError("append failed during the backup", appender.failure.get());
            }
            assertEquals(target.toAbsolutePath().normalize(), written);
            // the backup holds no lock the writer needs: batches were acknowledged while it ran
            assertTrue(afterBackup > before.size(), "ingest went on while the backup ran: " + before.size()
                    + " batches acknowledged before it, " + afterBackup + " when it returned");
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        assertTrue(Files.isDirectory(target.resolve("db")));
        assertTrue(Files.exists(target.resolve(StoreFiles.HEAD_LOG)));
        assertFalse(Files.exists(target.resolve(StoreFiles.VERIFY_CHECKPOINT)), "absent files are not invented");
        try (var leftovers = Files.list(target.getParent())) {
            assertEquals(List.of(target), leftovers.toList(), "no staging directory left beside the backup");
        }
        var manifest = Files.readString(target.resolve(StoreFiles.BACKUP_MANIFEST), StandardCharsets.UTF_8);
        try (var copy = Fixtures.open(target)) {
            var report = copy.verify();
            assertInstanceOf(VerificationReport.Intact.class, report, report.toString());
            var head = copy.head().orElseThrow();
            assertTrue(head.batchId() >= before.size(), "the copy holds at least the batches acknowledged before it");
            assertTrue(manifest.contains("ledgerHeadEntry = " + head.batchId() + "\n"), manifest);
            assertTrue(manifest.contains("ledgerHeadHash = " + head.hash() + "\n"), manifest);
            assertTrue(manifest.contains("readings = " + copy.readingCount() + "\n"), manifest);
            assertTrue(manifest.contains("backend = Apache Derby 10.16"), manifest);
            for (int m = 0; m < METERS; m++) {
                var stored = copy.readings("m" + m, Fixtures.E, Fixtures.T0, Fixtures.T0.plusSeconds(60L * 200_000));
                for (int i = 0; i < before.size(); i++) {
                    var expected = before.get(i).get(m);
                    assertEquals(expected.value(), stored.get(i).value(), "meter m" + m + " batch " + i);
                    assertEquals(expected.timestamp(), stored.get(i).timestamp());
                }
            }
        }
    }

    @Test
    void aTargetThatExistsAndIsNotEmptyIsRefusedAndLeftAlone() throws Exception {
        var storeDir = tmp.resolve("store");
        var target = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        var file = Files.writeString(tmp.resolve("a-file"), "x");
        try (var store = Fixtures.open(storeDir)) {
            store.append("test/src", poll(3, 0));
            var e = assertThrows(DirectoryNotEmptyException.class, () -> store.backup(target));
            assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("not empty"),
                    e.getMessage());
            var f = assertThrows(FileAlreadyExistsException.class, () -> store.backup(file));
            assertTrue(f.getMessage().contains("not a directory"), f.getMessage());
            var inside = assertThrows(IllegalArgumentException.class, () -> store.backup(storeDir.resolve("b")));
            assertTrue(inside.getMessage().contains("inside the store directory"), inside.getMessage());
            assertEquals(List.of(target.resolve("keep.txt")), list(target));
            assertEquals("x", Files.readString(file));
            // an existing empty directory is fine
            var empty = Files.createDirectories(tmp.resolve("empty"));
            store.backup(empty);
            assertTrue(Files.exists(empty.resolve(StoreFiles.BACKUP_MANIFEST)));
            assertTrue(store.append("test/src", poll(3, 1)).ledgerEntry().isPresent(), "the store still appends");
        }
    }

    @Test
    void anInterruptedBackupLeavesTheStoreWorkingAndNoPartialBackup() throws Exception {
        var storeDir = tmp.resolve("store");
        var target = tmp.resolve("backups").resolve("b");
        try (var store = Fixtures.open(storeDir, 500, 96)) {
            for (int minute = 0; minute < 200; minute++) {
                store.append("test/src", poll(METERS, minute));
            }
            var outcome = new AtomicReference<Object>();
            var thread = new Thread(() -> {
                Thread.currentThread().interrupt(); // as Ctrl-C on the console does to the command's thread
                try {
                    outcome.set(store.backup(target));
                } catch (IOException | RuntimeException e) {
                    outcome.set(e);
                }
            }, "backup");
            thread.start();
            thread.join(120_000);
            assertFalse(thread.isAlive());
            if (outcome.get() instanceof Path) {
                assertTrue(Files.exists(target.resolve(StoreFiles.BACKUP_MANIFEST)), "a finished backup is complete");
            } else {
                assertFalse(Files.exists(target), "no partial backup under the target name: " + outcome.get());
            }
            try (var leftovers = Files.list(target.getParent())) {
                assertTrue(leftovers.allMatch(p -> p.equals(target)), "no staging directory left");
            }
            assertTrue(store.append("test/src", poll(METERS, 200)).ledgerEntry().isPresent(), "the writer works");
            store.flush();
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            assertEquals(201L * METERS, store.readingCount());
        }
    }

    @Test
    void aFailedBackupLeavesNoStagingAndNoTarget() throws Exception {
        var notAStore = Files.createDirectories(tmp.resolve("no-database-here"));
        var target = tmp.resolve("backups").resolve("b");
        var e = assertThrows(IOException.class, () -> StoreBackup.run(notAStore, target, Fixtures.CLOCK));
        assertTrue(e.getMessage().contains("backup of Derby store " + notAStore.toAbsolutePath())
                && e.getMessage().contains(target.toAbsolutePath().toString()), e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), list(target.getParent()), "the staging directory is deleted");
    }

    @Test
    void statusShowsBackendSizesCountsFlushAndLastVerify() throws Exception {
        var storeDir = tmp.resolve("store");
        try (var store = Fixtures.open(storeDir, 1_000, 960)) {
            var empty = store.status();
            assertTrue(empty.backend().startsWith("Apache Derby 10.16") && empty.backend().endsWith("(embedded)"),
                    empty.backend());
            assertEquals(storeDir.toAbsolutePath().toString(), empty.location());
            assertTrue(empty.available());
            assertEquals(0, empty.readings());
            assertEquals(0, empty.series());
            assertTrue(empty.head().isEmpty() && empty.lastFlush().isEmpty() && empty.lastVerify().isEmpty());
            assertTrue(empty.bytesOnDisk() > 0);

            // flushes run in the background (size and time triggers): flush explicitly so that the WAL depth is known
            for (int minute = 0; minute < 50; minute++) {
                store.append("test/src", poll(METERS, minute));
            }
            store.flush();
            for (int minute = 50; minute < 60; minute++) {
                store.append("test/src", poll(METERS, minute)); // 200 readings, below the flush threshold of 1,000
            }
            var s = store.status();
            assertEquals(1_200, s.readings());
            assertEquals(METERS, s.series());
            assertEquals(200, s.walDepth());
            assertEquals(Fixtures.CLOCK.instant(), s.lastFlush().orElseThrow());
            assertEquals(store.head(), s.head());
            assertTrue(s.lastVerify().isEmpty());
            assertTrue(s.checkpoint().isEmpty());

            store.verify();
            var v = store.status();
            assertEquals(Fixtures.CLOCK.instant(), v.lastVerify().orElseThrow());
            assertEquals(Boolean.TRUE, v.lastVerifyIntact().orElseThrow());

            // the checkpoint is the ledger's (VERIFY_CHECKPOINT row and verify-checkpoint file, docs/ledger-spec.md):
            // an intact verify moves it to the head it verified
            var head = store.head().orElseThrow();
            assertEquals(head, v.checkpoint().orElseThrow());
            assertTrue(Files.exists(storeDir.resolve(StoreFiles.VERIFY_CHECKPOINT)));
        }
    }

    @Test
    void statusAnswersWhileTheStoreIsUnavailableAndNamesTheCause() throws Exception {
        var storeDir = tmp.resolve("store");
        var store = DerbyStore.open(storeDir, Fixtures.CLOCK, StoreOptions.defaults());
        try {
            store.retryInitialMillis = 600_000; // no reopen while the test looks at the status
            store.retryMaxMillis = 600_000;
            store.append("test/src", poll(3, 0));
            var head = store.head().orElseThrow();
            try {
                new org.apache.derby.jdbc.EmbeddedDriver().connect("jdbc:derby:"
                        + storeDir.toAbsolutePath().resolve("db") + ";shutdown=true", new java.util.Properties());
            } catch (java.sql.SQLException e) {
                assertEquals("08006", e.getSQLState(), e.getMessage());
            }
            IllegalStateException refused = null;
            for (int minute = 1; minute < 100 && refused == null; minute++) {
                try {
                    store.append("test/src", poll(3, minute));
                } catch (IllegalStateException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null && refused.getMessage().contains("is unavailable"), String.valueOf(refused));
            var status = store.status();
            assertFalse(status.available());
            assertTrue(status.lastError().isPresent(), status.toString());
            assertEquals(head, status.head().orElseThrow(), "the head when it failed");
            assertEquals(storeDir.toAbsolutePath().toString(), status.location());
        } finally {
            store.close();
        }
    }

    @Test
    void pageCacheIsSizedFromTheHeap() {
        assertEquals(256, PageCacheSizing.forHeap(64L << 20));
        assertEquals(512, PageCacheSizing.forHeap(128L << 20));
        assertEquals(4000, PageCacheSizing.forHeap(1L << 30));
        assertEquals(40, PageCacheSizing.forHeap(8L << 20));
        assertEquals(4000, PageCacheSizing.forHeap(Long.MAX_VALUE));
        assertEquals(PageCacheSizing.forThisJvm(), StoreOptions.defaults().pageCacheSize());
        assertEquals(1000, new StoreOptions(1000, 1, 1).pageCacheSize());
        var e = assertThrows(IllegalArgumentException.class, () -> new StoreOptions(39, 1, 1));
        assertTrue(e.getMessage().contains("pageCacheSize"), e.getMessage());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
