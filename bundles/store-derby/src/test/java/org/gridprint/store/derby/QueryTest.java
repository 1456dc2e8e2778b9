package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.T0;
import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryTest {

    @TempDir
    Path dir;

    private static Instant at(long minute) {
        return T0.plusSeconds(60 * minute);
    }

    @Test
    void queriesCombineBlocksAndMemtable() {
        try (var store = Fixtures.open(dir, 1_000_000, 8)) {
            for (int minute = 0; minute < 30; minute++) {
                store.append("test/src", List.of(reading("a", minute, minute), reading("b", minute, -minute)));
                if (minute == 12 || minute == 25) {
                    store.flush();
                }
            }
            assertEquals(8, store.memtableSize());
            var all = store.readings("a", E, at(0), at(30));
            assertEquals(30, all.size());
            for (int i = 0; i < 30; i++) {
                assertEquals(i, all.get(i).value());
                assertEquals(at(i), all.get(i).timestamp());
                assertEquals("test/src", all.get(i).source());
            }
            var mid = store.readings("a", E, at(7), at(26));
            assertEquals(19, mid.size());
            assertEquals(7.0, mid.get(0).value());
            assertEquals(25.0, mid.get(18).value());
            assertEquals(26.0, store.latestBefore("a", E, at(27)).orElseThrow().value());
            assertEquals(8.0, store.latestBefore("a", E, at(8).plusMillis(1)).orElseThrow().value());
            assertTrue(store.latestBefore("a", E, at(0)).isEmpty());
            assertEquals(29.0, store.latest("a", E).orElseThrow().value());
            assertEquals(-29.0, store.latest("b", E).orElseThrow().value());
            assertTrue(store.latest("a", Quantity.ACTIVE_POWER).isEmpty());
            assertTrue(store.readings("nobody", E, at(0), at(30)).isEmpty());
        }
    }

    /** Random in-order, late and repeated readings against a simple in-memory model. */
    @Test
    void randomLoadMatchesAModel() {
        var random = new Random(42);
        Map<String, TreeMap<Long, Double>> model = new TreeMap<>();
        int accepted = 0;
        int duplicates = 0;
        int conflicts = 0;
        try (var store = Fixtures.open(dir, 50, 6)) {
            for (int batch = 0; batch < 120; batch++) {
                var readings = new ArrayList<Reading>();
                var expected = new ArrayList<Class<?>>();
                var inBatch = new TreeMap<String, Double>();
                for (int k = 0; k < 8; k++) {
                    var meter = "m" + random.nextInt(5);
                    long minute = random.nextInt(10) == 0 ? random.nextInt(batch + 1) : batch + random.nextInt(3);
                    double value = random.nextInt(4) == 0 ? 7.0 : random.nextInt(3);
                    readings.add(reading(meter, minute, value));
                    var series = model.computeIfAbsent(meter, x -> new TreeMap<>());
                    long ts = at(minute).toEpochMilli();
                    var key = meter + "@" + ts;
                    Double stored = series.containsKey(ts) ? series.get(ts) : inBatch.get(key);
                    if (stored == null) {
                        inBatch.put(key, value);
                        expected.add(IngestOutcome.Accepted.class);
                    } else if (stored == value) {
                        expected.add(IngestOutcome.Duplicate.class);
                    } else {
                        expected.add(IngestOutcome.Conflict.class);
                    }
                }
                var result = store.append("test/src", readings);
                for (int k = 0; k < readings.size(); k++) {
                    assertEquals(expected.get(k), result.outcomes().get(k).getClass(), "batch " + batch + " #" + k);
                }
                inBatch.forEach((key, v) -> {
                    var parts = key.split("@");
                    model.get(parts[0]).put(Long.parseLong(parts[1]), v);
                });
                accepted += (int) result.outcomes().stream().filter(IngestOutcome.Accepted.class::isInstance).count();
                duplicates += (int) result.outcomes().stream().filter(IngestOutcome.Duplicate.class::isInstance).count();
                conflicts += (int) result.outcomes().stream().filter(IngestOutcome.Conflict.class::isInstance).count();
                if (batch == 60) {
                    store.flush();
                }
            }
            assertTrue(duplicates > 0 && conflicts > 0, "the random load exercises every outcome");
            check(store, model, accepted);
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        try (var store = Fixtures.open(dir, 50, 6)) {
            check(store, model, accepted);
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    private static void check(DerbyStore store, Map<String, TreeMap<Long, Double>> model, int accepted) {
        assertEquals(accepted, store.readingCount());
        for (var e : model.entrySet()) {
            var got = store.readings(e.getKey(), E, at(-10), at(1000));
            var want = e.getValue();
            assertEquals(want.size(), got.size(), e.getKey());
            int i = 0;
            for (var w : want.entrySet()) {
                assertEquals(w.getKey(), got.get(i).timestamp().toEpochMilli(), e.getKey() + " #" + i);
                assertEquals(w.getValue(), got.get(i).value(), e.getKey() + " #" + i);
                i++;
            }
            long probe = at(50).toEpochMilli();
            var floor = want.lowerEntry(probe);
            var latestBefore = store.latestBefore(e.getKey(), E, Instant.ofEpochMilli(probe));
            assertEquals(floor == null ? null : floor.getKey(),
                    latestBefore.map(r -> r.timestamp().toEpochMilli()).orElse(null));
            assertEquals(want.lastKey(), store.latest(e.getKey(), E).orElseThrow().timestamp().toEpochMilli());
        }
    }
}
