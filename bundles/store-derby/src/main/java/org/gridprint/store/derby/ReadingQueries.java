package org.gridprint.store.derby;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/** The read side: the readings of a series in a time range and its latest reading before a time (blocks + memtable). */
final class ReadingQueries {

    private final StoreConnection db;
    private final SeriesCatalog catalog;
    private final BlockTable blocks;

    ReadingQueries(StoreConnection db, SeriesCatalog catalog, BlockTable blocks) {
        this.db = db;
        this.catalog = catalog;
        this.blocks = blocks;
    }

    /** The readings in {@code [from, to)} in time order. */
    List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        var s = catalog.existing(meterId, quantity);
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        if (s == null || f >= t) {
            return List.of();
        }
        var runs = db.transaction("querying readings of " + meterId + " " + quantity, () -> {
            var floor = blocks.floor(s, f);
            return blocks.runs(s, floor != null ? floor.firstTs() : f, t);
        });
        runs.add(s.memtable);
        var result = new ArrayList<Reading>();
        for (var run : runs) {
            for (int i = run.firstAtOrAfter(f); i < run.size && run.ts[i] < t; i++) {
                result.add(catalog.reading(s, run, i));
            }
        }
        result.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        return result;
    }

    /** The latest reading strictly before {@code before} (epoch millis). */
    Optional<Reading> latestBefore(String meterId, Quantity quantity, long before) {
        var s = catalog.existing(meterId, quantity);
        if (s == null) {
            return Optional.empty();
        }
        Reading best = null;
        int i = s.memtable.lastBefore(before);
        if (i >= 0) {
            best = catalog.reading(s, s.memtable, i);
        }
        if (s.blockLastTs != Long.MIN_VALUE && (best == null || best.timestamp().toEpochMilli() < s.blockLastTs)) {
            var b = blocks.floor(s, before - 1);
            if (b != null) {
                int j = b.run().lastBefore(before);
                if (j >= 0 && (best == null || b.run().ts[j] > best.timestamp().toEpochMilli())) {
                    best = catalog.reading(s, b.run(), j);
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
