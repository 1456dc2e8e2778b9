package org.gridprint.store.derby;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Reading;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append path of the writer thread, for a group of batches that arrived together (group commit): classifies
 * them in order (a later batch of the group sees what the earlier ones accepted), writes their new series and
 * sources, ledger entries (BATCH + WAL rows) and conflicts (QUARANTINE), commits ONCE, then puts the accepted
 * readings into the memtable. A batch that fails its own checks fails alone; an SQL failure fails the group (the
 * transaction is rolled back: nothing of it is stored) and the caller starts recovery.
 */
final class Appender {

    private static final Logger LOG = LoggerFactory.getLogger(Appender.class);

    /** One batch of a group and what became of it: {@code result} or {@code failure} is set after {@link #append}. */
    static final class Batch {
        final String source;
        final List<Reading> readings;
        StoreResult result;
        RuntimeException failure;
        private BatchClassifier.Classified classified;
        private LedgerEntry entry;

        Batch(String source, List<Reading> readings) {
            this.source = source;
            this.readings = readings;
        }
    }

    private final StoreConnection db;
    private final SeriesCatalog catalog;
    private final BatchClassifier classifier;
    private final BatchLedger ledger;
    private final Memtable memtable;
    private final ReadWriteLock memory;
    private final OutboxTable outbox;
    private long commits;
    /** The last batch whose readings are in the memtable (changed under the memory write lock). */
    private volatile long committedBatchId;

    Appender(StoreConnection db, SeriesCatalog catalog, BatchClassifier classifier, BatchLedger ledger,
            Memtable memtable, ReadWriteLock memory) {
        this(db, catalog, classifier, ledger, memtable, memory, null);
    }

    /** @param outbox the edge outbox the accepted readings are queued in (same transaction); null: none */
    Appender(StoreConnection db, SeriesCatalog catalog, BatchClassifier classifier, BatchLedger ledger,
            Memtable memtable, ReadWriteLock memory, OutboxTable outbox) {
        this.outbox = outbox;
        this.db = db;
        this.catalog = catalog;
        this.classifier = classifier;
        this.ledger = ledger;
        this.memtable = memtable;
        this.memory = memory;
    }

    /** Durable commits of batch groups so far. */
    long commits() {
        return commits;
    }

    /**
     * Stores a group of non-empty batches in one transaction. Sets each batch's result, or its failure when it fails
     * its own checks. Returns the last committed ledger entry of the group (null if none). Throws (after rolling
     * back) when the group could not be stored: then no batch of it is stored and the in-memory state may be ahead
     * of the database, so the caller must reload it (recovery).
     */
    LedgerEntry append(List<Batch> group) throws SQLException {
        var mark = catalog.mark();
        var live = new ArrayList<Batch>(group.size());
        LedgerEntry last = null;
        try {
            memory.readLock().lock();
            try {
                // a batch whose classification fails (e.g. a block whose metadata contradicts its payload: whether a
                // reading is stored cannot be decided) fails alone; the group is classified again without it, since
                // its partial classification may have touched the group's state (bounded: one pass per failure)
                boolean again = true;
                while (again) {
                    again = false;
                    live.clear();
                    long groupQueued = 0;
                    classifier.startGroup();
                    for (var b : group) {
                        if (b.failure != null) {
                            continue;
                        }
                        try {
                            own(b);
                        } catch (IllegalArgumentException e) {
                            b.failure = notStored(b, e);
                            continue;
                        }
                        try {
                            b.classified = classifier.classifyInGroup(b.readings);
                        } catch (RuntimeException e) {
                            if (causedBySql(e)) {
                                throw e; // the database failed under a lookup: the group fails, recovery starts
                            }
                            b.failure = notStored(b, e);
                            again = true;
                            break;
                        }
                        int accepted = b.classified.accepted().size();
                        if (outbox != null && !outbox.fits(groupQueued, accepted)) {
                            // refuse-new: the batch fails whole (the driver keeps it); classify the group again
                            // without it, since the classifier already counted its readings as stored
                            outbox.refused();
                            b.failure = new IllegalStateException("Derby store " + db.dir() + ": batch of "
                                    + b.readings.size() + " readings from " + b.source + " was not stored: "
                                    + outbox.refusal(accepted));
                            again = true;
                            break;
                        }
                        groupQueued += accepted;
                        live.add(b);
                    }
                }
            } finally {
                memory.readLock().unlock();
            }
            boolean writes = false;
            catalog.insertSince(mark);
            for (var b : live) {
                var c = b.classified;
                if (!c.accepted().isEmpty() || !c.conflicts().isEmpty()) {
                    // one format-2 READINGS entry: R lines (WAL rows) and Q lines (QUARANTINE rows); the next batch
                    // of the group chains to it, so it is the ledger's head from here (a failed commit reloads all)
                    b.entry = ledger.write(b.source, c.accepted(), c.conflicts());
                    ledger.committed(b.entry);
                    if (outbox != null && !c.accepted().isEmpty()) {
                        var queued = new ArrayList<Reading>(c.accepted().size());
                        for (var p : c.accepted()) {
                            queued.add(p.reading());
                        }
                        outbox.queue(b.entry.batchId(), b.entry.committedAt().toEpochMilli(), queued);
                    }
                    last = b.entry;
                    writes = true;
                }
            }
            if (writes || catalog.mark().series() > mark.series() || catalog.mark().sources() > mark.sources()) {
                db.commit();
                commits++;
            }
        } catch (SQLException | RuntimeException e) {
            db.rollbackQuietly();
            throw e;
        }
        memory.writeLock().lock();
        try {
            for (var b : live) {
                if (b.entry == null) {
                    continue;
                }
                long batchId = b.entry.batchId();
                for (var p : b.classified.accepted()) {
                    var r = p.reading();
                    memtable.insert(p.series(), p.row().ts(), r.value(), (byte) r.quality().ordinal(), batchId,
                            p.sourceId());
                }
            }
            if (last != null) {
                committedBatchId = last.batchId();
            }
        } finally {
            memory.writeLock().unlock();
        }
        for (var b : live) {
            var c = b.classified;
            b.result = new StoreResult(List.of(c.outcomes()), Optional.ofNullable(b.entry));
            if (b.entry != null) {
                LOG.debug("batch {} from {}: {} accepted, {} conflicts, hash {}", b.entry.batchId(), b.source,
                        c.accepted().size(), c.conflicts().size(), b.entry.hash());
            }
            for (var conflict : c.conflicts()) {
                LOG.warn("Derby store: {}", conflict.reason());
            }
        }
        return last;
    }

    long committedBatchId() {
        return committedBatchId;
    }

    void committedBatchId(long id) {
        committedBatchId = id;
    }

    /** The checks of a batch on its own (its source, every reading storable); an IllegalArgumentException says why. */
    private static void own(Batch b) {
        if (b.source.length() > BatchClassifier.MAX_TEXT) {
            throw new IllegalArgumentException("the batch source has " + b.source.length() + " characters; expected at "
                    + "most " + BatchClassifier.MAX_TEXT);
        }
        BatchClassifier.check(b.readings);
    }

    private static boolean causedBySql(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private IllegalStateException notStored(Batch b, Exception e) {
        var from = b.source.length() > 80 ? b.source.substring(0, 80) + "..." : b.source;
        return new IllegalStateException("Derby store " + db.dir() + ": batch of " + b.readings.size()
                + " readings from " + from + " was not stored: " + e.getMessage(), e);
    }
}
