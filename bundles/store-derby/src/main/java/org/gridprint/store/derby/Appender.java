package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Reading;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append path: classifies a batch, writes its new series and sources, its ledger entry (BATCH + WAL rows) and its
 * conflicts (QUARANTINE) in one transaction, then puts the accepted readings into the memtable.
 */
final class Appender {

    private static final Logger LOG = LoggerFactory.getLogger(Appender.class);

    private final StoreConnection db;
    private final Clock clock;
    private final SeriesCatalog catalog;
    private final BatchClassifier classifier;
    private final BatchLedger ledger;
    private final QuarantineTable quarantine;
    private final Memtable memtable;

    Appender(StoreConnection db, Clock clock, SeriesCatalog catalog, BatchClassifier classifier, BatchLedger ledger,
            QuarantineTable quarantine, Memtable memtable) {
        this.db = db;
        this.clock = clock;
        this.catalog = catalog;
        this.classifier = classifier;
        this.ledger = ledger;
        this.quarantine = quarantine;
        this.memtable = memtable;
    }

    /** Appends a non-empty batch; on failure nothing of it is stored and an IllegalStateException says why. */
    StoreResult append(String source, List<Reading> readings) {
        if (source.length() > BatchClassifier.MAX_TEXT) {
            throw notStored(source, readings, new IllegalArgumentException("the batch source has " + source.length()
                    + " characters; expected at most " + BatchClassifier.MAX_TEXT));
        }
        var mark = catalog.mark();
        BatchClassifier.Classified batch;
        try {
            batch = classifier.classify(readings);
        } catch (RuntimeException e) {
            catalog.forgetSince(mark);
            throw notStored(source, readings, e);
        }
        var accepted = batch.accepted();
        var conflicts = batch.conflicts();
        LedgerEntry entry = null;
        try {
            catalog.insertSince(mark);
            if (!accepted.isEmpty() || !conflicts.isEmpty()) {
                entry = ledger.write(source, accepted, conflicts); // R and Q lines, QUARANTINE rows (format 2)
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollbackQuietly();
            catalog.forgetSince(mark);
            throw notStored(source, readings, e);
        }
        if (entry != null) {
            for (var p : accepted) {
                var r = p.reading();
                memtable.insert(p.series(), p.row().ts(), r.value(), (byte) r.quality().ordinal(), entry.batchId(),
                        p.sourceId());
            }
            ledger.committed(entry);
            LOG.debug("batch {} from {}: {} accepted, {} conflicts, hash {}", entry.batchId(), source, accepted.size(),
                    conflicts.size(), entry.hash());
        }
        for (var c : conflicts) {
            LOG.warn("Derby store: {}", c.reason());
        }
        return new StoreResult(List.of(batch.outcomes()), Optional.ofNullable(entry));
    }

    private IllegalStateException notStored(String source, List<Reading> readings, Exception e) {
        var from = source.length() > 80 ? source.substring(0, 80) + "..." : source;
        return new IllegalStateException("Derby store " + db.dir() + ": batch of " + readings.size()
                + " readings from " + from + " was not stored: " + e.getMessage(), e);
    }
}
