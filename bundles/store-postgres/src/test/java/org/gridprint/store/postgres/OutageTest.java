package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server away: unreachable when the store starts, and stopped while drivers submit. Batches are refused
 * visibly while it is away (the drivers keep them), stored once it is back; one alarm is raised and one cleared;
 * nothing acknowledged is lost. This class runs its own server, so that stopping it touches no other test.
 */
class OutageTest {

    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    private static PostgresServer server;
    private static String url;

    @TempDir
    Path dir;

    private final List<Alarm> alarms = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private PostgresStore store;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start(Path.of("target"));
        url = server.createDatabase("outage");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeStore() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        if (store != null) {
            store.close();
        }
        server.restart();
    }

    private PostgresOptions options() {
        return PostgresOptions.of(url, server.user(), server.password(), dir.resolve("anchors"))
                .withSchema(TestServer.newSchema()).withMaxRetry(Duration.ofSeconds(1));
    }

    private List<Alarm> alarms(String state) {
        return alarms.stream().filter(a -> a.kind() == AlarmKind.STORE_UNAVAILABLE
                && state.equals(a.details().get(EventKeys.ALARM_STATE))).toList();
    }

    private static Reading reading(String meter, long second, double value) {
        return new Reading(meter, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(second), value, Quality.GOOD,
                "test/" + meter);
    }

    @Test
    void unreachableAtStartRefusesBatchesThenStoresThemWhenTheServerIsUp() throws Exception {
        server.stop();
        store = PostgresStore.open(options(), Clock.systemUTC(), alarms::add);
        assertFalse(store.available());
        var where = "127.0.0.1:" + server.port() + "/outage";
        var status = store.status();
        assertFalse(status.available());
        assertEquals("PostgreSQL at " + where + " is unreachable: connection refused (is the server running and "
                + "listening on that address and port?)", status.lastError().orElseThrow());
        var refused = assertThrows(IllegalStateException.class, () -> store.append("test", List.of(reading("a", 0,
                1))));
        assertTrue(refused.getMessage().startsWith("PostgreSQL at " + where + " is unreachable"), refused::getMessage);
        var readerError = assertThrows(IllegalStateException.class, () -> store.latest("a",
                Quantity.ACTIVE_ENERGY_IMPORT));
        assertTrue(readerError.getMessage().contains("is unreachable"), readerError::getMessage);
        assertEquals(1, alarms(EventKeys.RAISED).size());
        assertTrue(alarms(EventKeys.RAISED).get(0).message().contains(where));
        // meter metadata is kept while the server is away (registering never waits for it)
        store.registerMeter(Meter.of("a", "site-1"));

        server.restart();
        Waits.until(store::available, () -> "the store reconnects: " + store.status().lastError());
        var stored = store.append("test", List.of(reading("a", 0, 1)));
        assertInstanceOf(IngestOutcome.Accepted.class, stored.outcomes().get(0));
        assertEquals(1, stored.ledgerEntry().orElseThrow().batchId());
        assertEquals(1, alarms(EventKeys.RAISED).size());
        assertEquals(1, alarms(EventKeys.CLEARED).size());
        assertTrue(store.status().available());
        Waits.until(() -> meterSite("a").equals("site-1"), () -> "meter a written after the outage");
    }

    @Test
    void anIdleStoreNoticesTheServerGoingAwayAndComingBack() throws Exception {
        store = PostgresStore.open(options().withAnchorInterval(Duration.ofSeconds(1)), Clock.systemUTC(),
                alarms::add);
        assertTrue(store.append("test", List.of(reading("a", 0, 1))).ledgerEntry().isPresent());
        server.stop();
        Waits.until(() -> !store.available(), () -> "the idle store notices the server is gone");
        assertEquals(1, alarms(EventKeys.RAISED).size());
        server.restart();
        Waits.until(store::available, () -> "the store reconnects: " + store.status().lastError());
        assertEquals(1, alarms(EventKeys.CLEARED).size());
        assertInstanceOf(IngestOutcome.Duplicate.class, store.append("test", List.of(reading("a", 0, 1)))
                .outcomes().get(0));
    }

    /** The stored site of a meter, "" when the meter is not stored. */
    private String meterSite(String meterId) {
        var p = new java.util.Properties();
        p.setProperty("user", server.user());
        p.setProperty("password", server.password());
        try (var c = new org.postgresql.Driver().connect(url, p);
                var ps = c.prepareStatement("SELECT site_id FROM " + store.status().location().replaceAll(
                        ".* schema ", "") + ".meter WHERE meter_id = ?")) {
            ps.setString(1, meterId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void serverStoppedWhileDriversSubmitLosesNothingAcknowledgedAndRaisesOneAlarm() throws Exception {
        store = PostgresStore.open(options(), Clock.systemUTC(), alarms::add);
        assertTrue(store.available());
        var acknowledged = new ConcurrentHashMap<String, Double>();
        var refusals = new AtomicInteger();
        var refusalTexts = new CopyOnWriteArrayList<String>();
        var stop = new AtomicBoolean();
        var drivers = new ArrayList<Future<?>>();
        for (int d = 0; d < 4; d++) {
            int device = d;
            drivers.add(pool.submit(() -> {
                // a driver: one batch per poll, kept and resubmitted until the store acknowledges it
                for (int second = 0; second < 100_000 && !stop.get(); second++) {
                    var batch = new ArrayList<Reading>();
                    for (int m = 0; m < 3; m++) {
                        batch.add(reading("d" + device + "/m" + m, second, second * 10.0 + m));
                    }
                    boolean stored = false;
                    for (int attempt = 0; attempt < 100_000 && !stored && !stop.get(); attempt++) {
                        try {
                            var result = store.append("test/d" + device, batch);
                            for (int i = 0; i < batch.size(); i++) {
                                var o = result.outcomes().get(i);
                                if (!(o instanceof IngestOutcome.Accepted || o instanceof IngestOutcome.Duplicate)) {
                                    throw new AssertionError("unexpected outcome " + o);
                                }
                                var r = batch.get(i);
                                acknowledged.put(r.meterId() + "@" + r.timestamp().toEpochMilli(), r.value());
                            }
                            stored = true;
                        } catch (IllegalStateException e) {
                            refusals.incrementAndGet();
                            if (refusalTexts.size() < 5) {
                                refusalTexts.add(e.getMessage());
                            }
                            Thread.sleep(20);
                        }
                    }
                }
                return null;
            }));
        }
        Waits.until(() -> acknowledged.size() >= 300, () -> "acknowledged before the stop: " + acknowledged.size());
        server.stop();
        int refusedBefore = refusals.get();
        Waits.until(() -> refusals.get() >= refusedBefore + 20, () -> "refusals while stopped: " + refusals.get());
        assertFalse(store.available());
        int whileDown = acknowledged.size();
        server.restart();
        Waits.until(() -> acknowledged.size() >= whileDown + 300, () -> "acknowledged after the restart: "
                + acknowledged.size());
        stop.set(true);
        for (var f : drivers) {
            f.get(1, TimeUnit.MINUTES);
        }
        assertTrue(refusalTexts.stream().allMatch(t -> t.contains("PostgreSQL at 127.0.0.1:" + server.port())),
                refusalTexts::toString);

        Map<String, Double> held = new ConcurrentHashMap<>();
        for (int d = 0; d < 4; d++) {
            for (int m = 0; m < 3; m++) {
                var meter = "d" + d + "/m" + m;
                store.readings(meter, Quantity.ACTIVE_ENERGY_IMPORT, T0, T0.plusSeconds(1_000_000))
                        .forEach(r -> held.put(meter + "@" + r.timestamp().toEpochMilli(), r.value()));
            }
        }
        for (var e : acknowledged.entrySet()) {
            assertEquals(e.getValue(), held.get(e.getKey()), "acknowledged reading " + e.getKey() + " is stored");
        }
        assertEquals(held.size(), store.readingCount());
        assertEquals(1, alarms(EventKeys.RAISED).size(), alarms::toString);
        assertEquals(1, alarms(EventKeys.CLEARED).size(), alarms::toString);
        assertInstanceOf(VerificationReport.Intact.class, store.verify());
    }
}
