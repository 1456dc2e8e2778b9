package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database shut down under the running store (issue 11: after a disk-full shutdown every batch failed with "No
 * current connection" and only a bundle restart recovered): batches are refused with a clear text while it is
 * down, the store reopens by itself, nothing acknowledged is lost, and there is exactly one alarm raised and one
 * cleared.
 */
class RecoveryTest {

    @TempDir
    Path dir;

    private static Reading at(String meter, int second, double value) {
        return new Reading(meter, E, T0.plusSeconds(second), value, Quality.GOOD, "dev/" + meter);
    }

    /** Shuts the store's database down from outside, through the same embedded engine. */
    private void shutDownTheDatabase() {
        try {
            new EmbeddedDriver().connect("jdbc:derby:" + dir.toAbsolutePath().resolve("db") + ";shutdown=true",
                    new Properties());
        } catch (SQLException e) {
            assertEquals("08006", e.getSQLState(), "Derby reports a completed database shutdown as 08006");
        }
    }

    @Test
    void theStoreReopensByItselfAfterTheDatabaseWasShutDownUnderIt() throws Exception {
        var alarms = Collections.synchronizedList(new ArrayList<Alarm>());
        var store = DerbyStore.open(dir, Fixtures.CLOCK, StoreOptions.defaults().withFlushThreshold(200), alarms::add);
        store.retryInitialMillis = 20;
        store.retryMaxMillis = 200;
        try {
            int devices = 4;
            int polls = 400;
            var acknowledged = ConcurrentHashMap.<String>newKeySet();
            var refused = new ConcurrentHashMap<String, String>();
            var unexpected = new AtomicInteger();
            var halfway = new CountDownLatch(devices);
            var recovered = new CountDownLatch(1);
            var drivers = new ArrayList<CompletableFuture<Void>>();
            var pool = Executors.newFixedThreadPool(devices);
            for (int d = 0; d < devices; d++) {
                var meter = "dev" + d;
                drivers.add(CompletableFuture.runAsync(() -> {
                    for (int p = 0; p < polls; p++) {
                        if (p == polls / 2) {
                            halfway.countDown();
                            try {
                                recovered.await(); // the second half runs after the store is back
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        var key = meter + "@" + p;
                        try {
                            store.append("dev/" + meter, List.of(at(meter, p, p), at(meter + "-p", p, -p)));
                            acknowledged.add(key);
                        } catch (IllegalStateException e) {
                            refused.put(key, e.getMessage());
                            if (!e.getMessage().contains("is unavailable")) {
                                unexpected.incrementAndGet();
                            }
                        }
                    }
                }, pool));
            }
            // let the drivers run a while, then pull the database away while they go on
            for (int i = 0; i < 100_000 && acknowledged.size() < devices * 20; i++) {
                Thread.sleep(1);
            }
            shutDownTheDatabase();
            halfway.await();
            for (int i = 0; i < 100_000 && (store.recoveries() == 0 || !store.available()); i++) {
                Thread.sleep(1); // bounded wait for the reopen (the back-off is 20..200 ms here)
            }
            assertEquals(1, store.recoveries(), "the store reopened by itself");
            recovered.countDown();
            for (var d : drivers) {
                d.get();
            }
            pool.shutdown();
            assertEquals(0, unexpected.get(), "every refusal says the store is unavailable: " + refused.values());
            for (var text : refused.values()) {
                assertTrue(text.contains("the batch was not stored; the driver keeps it") && text.contains(dir.toString()),
                        text);
            }
            // nothing acknowledged is lost
            for (var key : acknowledged) {
                var meter = key.substring(0, key.indexOf('@'));
                int p = Integer.parseInt(key.substring(key.indexOf('@') + 1));
                var got = store.latestBefore(meter, E, T0.plusSeconds(p + 1)).orElseThrow(() -> new AssertionError(key));
                assertEquals(T0.plusSeconds(p), got.timestamp(), key);
            }
            // the drivers resubmit what was refused: stored now
            for (var key : refused.keySet()) {
                var meter = key.substring(0, key.indexOf('@'));
                int p = Integer.parseInt(key.substring(key.indexOf('@') + 1));
                var r = store.append("dev/" + meter, List.of(at(meter, p, p), at(meter + "-p", p, -p)));
                assertTrue(r.outcomes().stream().noneMatch(IngestOutcome.Conflict.class::isInstance));
            }
            assertEquals(2L * devices * polls, store.readingCount());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());

            var kinds = alarms.stream().filter(a -> a.kind() == AlarmKind.STORE_UNAVAILABLE).toList();
            assertEquals(2, kinds.size(), "one raised, one cleared: " + kinds);
            assertEquals(EventKeys.RAISED, kinds.get(0).details().get(EventKeys.ALARM_STATE));
            assertEquals(EventKeys.CLEARED, kinds.get(1).details().get(EventKeys.ALARM_STATE));
            assertEquals((long) refused.size(), kinds.get(1).details().get(EventKeys.COUNT),
                    "the clearing alarm counts the refused batches");
            assertFalse(refused.isEmpty() && acknowledged.isEmpty());
        } finally {
            store.close();
        }
        try (var reopened = Fixtures.open(dir)) {
            assertEquals(2L * 4 * 400, reopened.readingCount());
            assertInstanceOf(VerificationReport.Intact.class, reopened.verify());
        }
    }
}
