package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random batches — late and out-of-order timestamps, replays, the same key twice in one batch with other values —
 * with random flushes, clean reopens and crash reopens ({@code abandon()}), against a map of what must be stored.
 * Small flush thresholds and blocks make every path (memtable, late merge, block lookup, WAL replay) run often.
 * Seeded: a failure names its seed and batch and is reproducible.
 */
class ModelBasedStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void outcomesCountsQueriesAndVerifyMatchTheModel(long seed) {
        var random = new Random(seed);
        var path = dir.resolve("s" + seed);
        int flushThreshold = 1 + random.nextInt(40);
        int maxBlock = 1 + random.nextInt(6);
        var store = Fixtures.open(path, flushThreshold, maxBlock);
        Map<String, Double> model = new HashMap<>();
        try {
            for (int b = 0; b < 150; b++) {
                var batch = new ArrayList<Reading>();
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    var meter = "m" + random.nextInt(3);
                    long minute = random.nextInt(200) - 20;
                    batch.add(new Reading(meter, Fixtures.E, Fixtures.T0.plusSeconds(60 * minute), random.nextInt(3),
                            Quality.GOOD, "src" + random.nextInt(2)));
                }
                var result = store.append("drv", batch);
                for (int i = 0; i < batch.size(); i++) {
                    var reading = batch.get(i);
                    var key = reading.meterId() + "@" + reading.timestamp().toEpochMilli();
                    var outcome = result.outcomes().get(i);
                    var where = "seed " + seed + ", batch " + b + ", " + key;
                    var stored = model.get(key);
                    if (stored == null) {
                        assertInstanceOf(IngestOutcome.Accepted.class, outcome, where);
                        model.put(key, reading.value());
                    } else if (stored == reading.value()) {
                        assertInstanceOf(IngestOutcome.Duplicate.class, outcome, where);
                    } else {
                        assertInstanceOf(IngestOutcome.Conflict.class, outcome, where);
                    }
                }
                switch (random.nextInt(20)) {
                    case 0 -> {
                        store.close();
                        store = Fixtures.open(path, flushThreshold, maxBlock);
                    }
                    case 1 -> {
                        store.abandon();
                        store = Fixtures.open(path, flushThreshold, maxBlock);
                    }
                    case 2 -> store.flush();
                    case 3 -> assertInstanceOf(VerificationReport.Intact.class, store.verify(), "seed " + seed);
                    default -> {
                    }
                }
            }
            assertEquals(model.size(), store.readingCount(), "seed " + seed);
            for (int m = 0; m < 3; m++) {
                var meter = "m" + m;
                var got = store.readings(meter, Fixtures.E, Fixtures.T0.minusSeconds(3600),
                        Fixtures.T0.plusSeconds(60 * 300));
                assertEquals(model.keySet().stream().filter(k -> k.startsWith(meter + "@")).count(), got.size(),
                        "seed " + seed + ", " + meter);
                for (var r : got) {
                    assertEquals(model.get(r.meterId() + "@" + r.timestamp().toEpochMilli()), r.value(), "seed " + seed);
                }
            }
            assertInstanceOf(VerificationReport.Intact.class, store.verify(), "seed " + seed);
        } finally {
            store.close();
        }
        var reopened = Fixtures.open(path, flushThreshold, maxBlock);
        try {
            assertInstanceOf(VerificationReport.Intact.class, reopened.verify(), "seed " + seed);
            assertEquals(model.size(), reopened.readingCount(), "seed " + seed);
        } finally {
            reopened.close();
        }
    }
}
