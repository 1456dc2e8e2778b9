package org.gridprint.store.derby;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Reading;
import org.gridprint.ledger.InBatch;
import org.gridprint.ledger.ValueEquality;

/**
 * Idempotency on (meter, quantity, timestamp millis): sorts a batch's readings into accepted, duplicates (same value)
 * and conflicts (another value; numerically equal values such as 0.0 and -0.0 are the same), against the stored
 * readings and the earlier readings of the same batch. A reading newer than its series' latest is known to be new
 * without a lookup.
 */
final class BatchClassifier {

    /** The outcome of every reading (in batch order), the accepted readings and the conflicts. */
    record Classified(IngestOutcome[] outcomes, List<PendingReading> accepted, List<IngestOutcome.Conflict> conflicts) {
    }

    private record Key(int series, long ts) {
    }

    /** Longest meter id and source: the SERIES, SOURCE and BATCH columns are VARCHAR(512). */
    static final int MAX_TEXT = 512;

    private final SeriesCatalog catalog;
    private final BlockTable blocks;
    private long mark = 0;
    /** The readings accepted by the earlier batches of the current group (not committed yet). */
    private final List<PendingReading> groupAccepted = new ArrayList<>();
    private Map<Key, Double> groupKeys;

    BatchClassifier(SeriesCatalog catalog, BlockTable blocks) {
        this.catalog = catalog;
        this.blocks = blocks;
    }

    /** Classifies one batch on its own (a group of one); new series and sources are created in the catalog. */
    Classified classify(List<Reading> readings) {
        startGroup();
        check(readings);
        return classifyInGroup(readings);
    }

    /**
     * Starts a group of batches committed together: each batch of the group is classified against the stored
     * readings and the readings the earlier batches of the group accepted.
     */
    void startGroup() {
        mark++;
        groupAccepted.clear();
        groupKeys = null;
    }

    /**
     * Checks that every reading of a batch can be stored (before anything of it is classified); an
     * IllegalArgumentException names the first that cannot. The caller fails that batch alone.
     */
    static void check(List<Reading> readings) {
        for (int i = 0; i < readings.size(); i++) {
            storable(readings.get(i), i);
        }
    }

    /**
     * Classifies the next batch of the group (its readings passed {@link #check}); new series and sources are created
     * in the catalog (in memory only).
     */
    Classified classifyInGroup(List<Reading> readings) {
        long batchMark = mark;
        var outcomes = new IngestOutcome[readings.size()];
        var accepted = new ArrayList<PendingReading>(readings.size());
        var conflicts = new ArrayList<IngestOutcome.Conflict>();
        Map<Key, Double> inBatch = groupKeys;
        for (int i = 0; i < readings.size(); i++) {
            var r = readings.get(i);
            long t = storable(r, i);
            var s = catalog.getOrAdd(r.meterId(), r.quantity());
            if (s.batchMark != batchMark) {
                s.batchMark = batchMark;
                s.batchLatest = s.latestTs();
            }
            if (t < s.prunedBefore) {
                // rolled up by retention: its raw readings are gone, so it counts as already stored
                outcomes[i] = new IngestOutcome.Duplicate(r);
                continue;
            }
            Double stored = null;
            if (t <= s.batchLatest) {
                if (inBatch == null) {
                    inBatch = new HashMap<>();
                    for (var p : groupAccepted) {
                        inBatch.put(new Key(p.series().id, p.row().ts()), p.reading().value());
                    }
                    for (var p : accepted) {
                        inBatch.put(new Key(p.series().id, p.row().ts()), p.reading().value());
                    }
                }
                stored = inBatch.get(new Key(s.id, t));
                if (stored == null) {
                    stored = storedValue(s, t);
                }
            }
            if (stored == null) {
                s.batchLatest = Math.max(s.batchLatest, t);
                var row = new Canonical.Row(r.meterId(), r.quantity(), t, r.value(), r.quality(), r.source());
                accepted.add(new PendingReading(s, r, row, catalog.sourceId(r.source())));
                if (inBatch != null) {
                    inBatch.put(new Key(s.id, t), r.value());
                }
                outcomes[i] = new IngestOutcome.Accepted(r);
            } else {
                // the contract's rule and words (org.gridprint.ledger.InBatch, Reasons)
                outcomes[i] = InBatch.outcome(r, stored);
                if (outcomes[i] instanceof IngestOutcome.Conflict c) {
                    conflicts.add(c);
                }
            }
        }
        groupAccepted.addAll(accepted);
        groupKeys = inBatch;
        return new Classified(outcomes, accepted, conflicts);
    }

    /**
     * The reading's timestamp in epoch millis, or an IllegalArgumentException naming the reading when it cannot be
     * stored (a timestamp outside the epoch-millis range, a meter id or source longer than the columns hold). The
     * caller fails the whole batch with this message; nothing is stored.
     */
    private static long storable(Reading r, int index) {
        if (r.meterId().length() > MAX_TEXT || r.source().length() > MAX_TEXT) {
            throw new IllegalArgumentException(describe(r, index) + ": meter id (" + r.meterId().length()
                    + " characters) or source (" + r.source().length() + " characters) is longer than " + MAX_TEXT);
        }
        try {
            return r.timestamp().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(describe(r, index) + ": timestamp is outside the storable range of "
                    + "epoch milliseconds (" + Instant.ofEpochMilli(Long.MIN_VALUE) + " .. "
                    + Instant.ofEpochMilli(Long.MAX_VALUE) + ")", e);
        }
    }

    private static String describe(Reading r, int index) {
        var id = r.meterId().length() > 80 ? r.meterId().substring(0, 80) + "..." : r.meterId();
        return "reading #" + index + " (meter " + id + " " + r.quantity() + " at " + r.timestamp() + ")";
    }

    /** The contract's value rule ({@link ValueEquality}): 0.0 and -0.0 are the same, NaN is the same as NaN. */
    static boolean sameValue(double stored, double received) {
        return ValueEquality.same(stored, received);
    }

    /** The value stored under (series, ts) in the memtable, the frozen run (being flushed) or a block row, or null. */
    private Double storedValue(Series s, long t) {
        int i = s.memtable.indexOf(t);
        if (i >= 0) {
            return s.memtable.value[i];
        }
        var f = s.frozen;
        if (f != null) {
            int k = f.indexOf(t);
            if (k >= 0) {
                return f.value[k];
            }
        }
        var rewriting = s.rewriting;
        if (rewriting != null) {
            for (var b : rewriting) {
                if (b.covers(t)) {
                    int k = b.run().indexOf(t);
                    if (k >= 0) {
                        return b.run().value[k];
                    }
                }
            }
        }
        if (t <= s.blockLastTs) {
            var b = blocks.floor(s, t);
            if (b != null && b.covers(t)) {
                int j = b.run().indexOf(t);
                if (j >= 0) {
                    return b.run().value[j];
                }
                return null;
            }
            // not in the block found by FIRST_TS: the next block is read too, so that a FIRST_TS edited above
            // the key is caught (its payload contradicts it) instead of the reading being accepted twice
            blocks.checkedCeiling(s, t);
        }
        return null;
    }
}
