package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gridprint.api.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger writer: one BATCH row (hash chain) and the WAL rows of its accepted readings per batch, the ledger
 * head, and the replay of the WAL rows after the flush watermark into the memtable on open.
 */
final class BatchLedger {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLedger.class);

    private final StoreConnection db;
    private final Clock clock;
    private LedgerEntry head;
    private long nextBatchId = 1;
    /** Batch ids above the head that have WAL rows without a ledger entry: replaced by the batch taking the id. */
    private final Set<Long> staleWal = new HashSet<>();

    BatchLedger(StoreConnection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Reads the head of the ledger. */
    void load() throws SQLException {
        try (var st = db.connection().createStatement(); var rs = st.executeQuery("SELECT BATCH_ID, COMMITTED_AT, "
                + "READING_COUNT, PREV_HASH, HASH FROM BATCH ORDER BY BATCH_ID DESC FETCH FIRST 1 ROWS ONLY")) {
            head = rs.next() ? new LedgerEntry(rs.getLong("BATCH_ID"), Instant.ofEpochMilli(rs.getLong("COMMITTED_AT")),
                    rs.getInt("READING_COUNT"), rs.getString("PREV_HASH"), rs.getString("HASH")) : null;
            nextBatchId = head == null ? 1 : head.batchId() + 1;
        }
    }

    /** The last committed ledger entry, or null. */
    LedgerEntry head() {
        return head;
    }

    /** The id of the last committed batch, 0 when none. */
    long lastBatchId() {
        return nextBatchId - 1;
    }

    /**
     * Writes the BATCH row and WAL rows of the next batch (sorting {@code accepted} into canonical order); the caller
     * commits, then calls {@link #committed}.
     */
    LedgerEntry write(String source, List<PendingReading> accepted) throws SQLException {
        accepted.sort((a, b) -> Canonical.ORDER.compare(a.row(), b.row()));
        long batchId = nextBatchId;
        var previous = head == null ? Canonical.ZERO_HASH : head.hash();
        var payload = BatchPayload.of(previous, accepted);
        var committedAt = clock.instant();
        var ps = db.statement("INSERT INTO BATCH (BATCH_ID, COMMITTED_AT, SOURCE, READING_COUNT, PREV_HASH, HASH) "
                + "VALUES (?, ?, ?, ?, ?, ?)");
        ps.setLong(1, batchId);
        ps.setLong(2, committedAt.toEpochMilli());
        ps.setString(3, source);
        ps.setInt(4, accepted.size());
        ps.setString(5, previous);
        ps.setString(6, payload.hash());
        ps.executeUpdate();
        if (staleWal.contains(batchId)) {
            var stale = db.statement("DELETE FROM WAL WHERE BATCH_ID = ?");
            stale.setLong(1, batchId);
            LOG.error("Derby store {}: batch {} replaces {} WAL row(s) that had no ledger entry", db.dir(), batchId,
                    stale.executeUpdate());
        }
        var walRow = db.statement("INSERT INTO WAL (BATCH_ID, PART, PAYLOAD) VALUES (?, ?, ?)");
        var parts = WalCodec.parts(payload.wal());
        for (int part = 0; part < parts.size(); part++) {
            walRow.setLong(1, batchId);
            walRow.setInt(2, part);
            walRow.setBytes(3, parts.get(part));
            walRow.addBatch();
        }
        walRow.executeBatch();
        return new LedgerEntry(batchId, Instant.ofEpochMilli(committedAt.toEpochMilli()), accepted.size(), previous,
                payload.hash());
    }

    /** The batch of {@code entry} is committed: it is the new head. */
    void committed(LedgerEntry entry) {
        staleWal.remove(entry.batchId());
        head = entry;
        nextBatchId = entry.batchId() + 1;
    }

    /**
     * Replays the WAL rows of the batches after {@code flushedBatchId} into the memtable; returns how many batches
     * were replayed. WAL rows without a ledger entry (a batch id above the head or without a BATCH row) are not
     * readings of the ledger: they are skipped and logged at ERROR ({@code verify()} reports them as Broken), and
     * the rows above the head are replaced when a new batch takes their id, so they never block an append.
     */
    int replay(long flushedBatchId, SeriesCatalog catalog, Memtable memtable) throws SQLException {
        int replayed = 0;
        long lastReplayed = 0;
        var orphans = new TreeSet<Long>();
        var ps = db.statement("SELECT w.BATCH_ID, w.PART, w.PAYLOAD, b.BATCH_ID FROM WAL w "
                + "LEFT JOIN BATCH b ON b.BATCH_ID = w.BATCH_ID ORDER BY w.BATCH_ID, w.PART");
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                long batchId = rs.getLong(1);
                if (batchId <= flushedBatchId) {
                    LOG.warn("Derby store {}: WAL row of batch {} is at or before the flush watermark {}; ignored",
                            db.dir(), batchId, flushedBatchId);
                    continue;
                }
                if (rs.getObject(4) == null || batchId > lastBatchId()) {
                    orphans.add(batchId);
                    continue;
                }
                for (var e : WalCodec.decode(rs.getBytes(3), batchId)) {
                    memtable.insert(catalog.get(e.seriesId()), e.ts(), e.value(), e.quality(), batchId, e.sourceId());
                }
                if (batchId != lastReplayed) {
                    replayed++;
                    lastReplayed = batchId;
                }
            }
        }
        if (!orphans.isEmpty()) {
            LOG.error("Derby store {}: WAL rows of batches {} have no ledger entry (no BATCH row, or above the head "
                    + "batch {}); not replayed, verify() reports the ledger as broken", db.dir(), orphans,
                    lastBatchId());
            orphans.tailSet(lastBatchId(), false).forEach(staleWal::add);
        }
        return replayed;
    }

    /** Deletes the WAL rows of the batches up to {@code watermark} (they are in block rows now). */
    void deleteWalUpTo(long watermark) throws SQLException {
        var ps = db.statement("DELETE FROM WAL WHERE BATCH_ID <= ?");
        ps.setLong(1, watermark);
        ps.executeUpdate();
    }
}
