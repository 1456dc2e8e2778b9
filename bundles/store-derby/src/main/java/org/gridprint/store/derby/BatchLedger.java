package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.LedgerFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger writer (format 2, docs/ledger-spec.md): one BATCH row per entry (hash chain), the WAL rows of a READINGS
 * entry's accepted readings and its QUARANTINE rows, or an EMISSIONS entry over the emission rows it stores; the
 * ledger head, and the replay of the WAL rows after the flush watermark into the memtable on open.
 */
final class BatchLedger {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLedger.class);

    /** The header source of EMISSIONS entries. */
    static final String EMISSIONS_SOURCE = "emissions";

    private static final String INSERT_BATCH = "INSERT INTO BATCH (BATCH_ID, COMMITTED_AT, SOURCE, READING_COUNT, "
            + "PREV_HASH, HASH, FORMAT, KIND, ITEM_COUNT, BASIS_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final StoreConnection db;
    private final Clock clock;
    private final SeriesCatalog catalog;
    private final QuarantineTable quarantine;
    private LedgerEntry head;
    private long nextBatchId = 1;
    private long lastReadingsId;
    /** Batch ids above the head that have WAL rows without a ledger entry: replaced by the batch taking the id. */
    private final Set<Long> staleWal = new HashSet<>();

    BatchLedger(StoreConnection db, Clock clock, SeriesCatalog catalog, QuarantineTable quarantine) {
        this.db = db;
        this.clock = clock;
        this.catalog = catalog;
        this.quarantine = quarantine;
    }

    /** Reads the head of the ledger, the newest READINGS entry and where format 2 starts. */
    void load() throws SQLException {
        try (var st = db.connection().createStatement()) {
            try (var rs = st.executeQuery("SELECT BATCH_ID, COMMITTED_AT, READING_COUNT, PREV_HASH, HASH FROM BATCH "
                    + "ORDER BY BATCH_ID DESC FETCH FIRST 1 ROWS ONLY")) {
                head = rs.next() ? new LedgerEntry(rs.getLong("BATCH_ID"),
                        Instant.ofEpochMilli(rs.getLong("COMMITTED_AT")), rs.getInt("READING_COUNT"),
                        rs.getString("PREV_HASH"), rs.getString("HASH")) : null;
                nextBatchId = head == null ? 1 : head.batchId() + 1;
            }
            try (var rs = st.executeQuery("SELECT MAX(BATCH_ID) FROM BATCH WHERE KIND = 'READINGS'")) {
                rs.next();
                lastReadingsId = rs.getLong(1);
            }
            try (var rs = st.executeQuery("SELECT MIN(BATCH_ID) FROM BATCH WHERE FORMAT >= 2")) {
                rs.next();
                long first = rs.getLong(1);
                catalog.firstFormat2Batch(rs.wasNull() ? nextBatchId : first);
            }
        }
        if (head != null && !LedgerFormat.isHash(head.hash())) {
            LOG.error("Derby store {}: the stored hash of the head entry {} is not 64 lower-case hex digits ({}): "
                    + "appends are refused, since no entry can chain to it; run verify", db.dir(), head.batchId(),
                    head.hash());
        }
    }

    /** The last committed ledger entry, or null. */
    LedgerEntry head() {
        return head;
    }

    /** The id of the last committed entry, 0 when none. */
    long lastBatchId() {
        return nextBatchId - 1;
    }

    private String previousHash() {
        if (head == null) {
            return LedgerFormat.GENESIS_HASH;
        }
        if (!LedgerFormat.isHash(head.hash())) {
            throw new IllegalStateException("the stored hash of the head entry " + head.batchId() + " is not 64 "
                    + "lower-case hex digits (" + head.hash() + "): no entry can chain to it, appends are refused "
                    + "(see verify)");
        }
        return head.hash();
    }

    /**
     * Writes the READINGS entry of a batch: its BATCH row, the WAL rows of its accepted readings (sorted here into
     * canonical order) and the QUARANTINE rows of its conflicts. The caller commits, then calls {@link #committed}.
     */
    LedgerEntry write(String source, List<PendingReading> accepted, List<IngestOutcome.Conflict> conflicts)
            throws SQLException {
        accepted.sort((a, b) -> Canonical.ORDER.compare(a.row(), b.row()));
        long batchId = nextBatchId;
        var previous = previousHash();
        long committedAt = clock.millis();
        var header = new EntryHeader(batchId, EntryKind.READINGS, committedAt, source,
                accepted.size() + conflicts.size(), 0);
        var qLines = conflicts.isEmpty() ? List.<String>of() : quarantine.insert(conflicts, committedAt, batchId);
        var payload = BatchPayload.of(previous, header, accepted, qLines);
        insertBatch(header, accepted.size(), previous, payload.hash());
        if (staleWal.contains(batchId)) {
            var stale = db.statement("DELETE FROM WAL WHERE BATCH_ID = ?");
            stale.setLong(1, batchId);
            LOG.error("Derby store {}: batch {} replaces {} WAL row(s) that had no ledger entry", db.dir(), batchId,
                    stale.executeUpdate());
        }
        if (!accepted.isEmpty()) {
            var walRow = db.statement("INSERT INTO WAL (BATCH_ID, PART, PAYLOAD) VALUES (?, ?, ?)");
            var parts = WalCodec.partsV2(payload.wal());
            for (int part = 0; part < parts.size(); part++) {
                walRow.setLong(1, batchId);
                walRow.setInt(2, part);
                walRow.setBytes(3, parts.get(part));
                walRow.addBatch();
            }
            walRow.executeBatch();
        }
        return new LedgerEntry(batchId, Instant.ofEpochMilli(committedAt), accepted.size(), previous, payload.hash());
    }

    /** The ledger's clock, epoch ms. */
    long clockMillis() {
        return clock.millis();
    }

    /** The id the next entry takes. */
    long nextId() {
        return nextBatchId;
    }

    /**
     * Writes the EMISSIONS entry over {@code stored} (the records just inserted with BATCH_ID {@link #nextId()}, as
     * read back). The caller commits, then calls {@link #committed}.
     */
    LedgerEntry writeEmissions(List<EmissionRecord> stored) throws SQLException {
        long batchId = nextBatchId;
        var previous = previousHash();
        long committedAt = clock.millis();
        var header = new EntryHeader(batchId, EntryKind.EMISSIONS, committedAt, EMISSIONS_SOURCE, stored.size(),
                lastReadingsId);
        var hash = EntryHash.builder(previous, header);
        stored.forEach(r -> hash.add(CanonicalLines.emission(r)));
        var h = hash.finish();
        insertBatch(header, 0, previous, h);
        return new LedgerEntry(batchId, Instant.ofEpochMilli(committedAt), 0, previous, h);
    }

    /**
     * Writes a WINDOWS (basis = the newest READINGS entry) or REGISTER (basis 0) entry over {@code lines} with id
     * {@link #nextId()}. The caller commits, then calls {@code committed(entry, false)}.
     */
    LedgerEntry writeDerived(EntryKind kind, String source, List<String> lines) throws SQLException {
        long batchId = nextBatchId;
        var previous = previousHash();
        long committedAt = clock.millis();
        var header = new EntryHeader(batchId, kind, committedAt, source, lines.size(),
                kind == EntryKind.WINDOWS ? lastReadingsId : 0);
        var h = EntryHash.of(previous, header, lines);
        insertBatch(header, 0, previous, h);
        return new LedgerEntry(batchId, Instant.ofEpochMilli(committedAt), 0, previous, h);
    }

    /** Writes the ROLLUP entry over {@code lines} (its W and P lines). The caller commits, then calls committed. */
    LedgerEntry writeRollup(List<String> lines) throws SQLException {
        long batchId = nextBatchId;
        var previous = previousHash();
        long committedAt = clock.millis();
        var header = new EntryHeader(batchId, EntryKind.ROLLUP, committedAt, Retention.SOURCE, lines.size(),
                lastReadingsId);
        var h = EntryHash.of(previous, header, lines);
        insertBatch(header, 0, previous, h);
        return new LedgerEntry(batchId, Instant.ofEpochMilli(committedAt), 0, previous, h);
    }

    private void insertBatch(EntryHeader header, int readings, String previous, String hash) throws SQLException {
        var ps = db.statement(INSERT_BATCH);
        ps.setLong(1, header.entryId());
        ps.setLong(2, header.committedAtMillis());
        ps.setString(3, header.source());
        ps.setInt(4, readings);
        ps.setString(5, previous);
        ps.setString(6, hash);
        ps.setInt(7, LedgerFormat.VERSION);
        ps.setString(8, header.kind().name());
        ps.setInt(9, header.itemCount());
        ps.setLong(10, header.basisEntryId());
        ps.executeUpdate();
    }

    /** The entry is committed: it is the new head. */
    void committed(LedgerEntry entry, boolean readings) {
        staleWal.remove(entry.batchId());
        head = entry;
        nextBatchId = entry.batchId() + 1;
        if (readings) {
            lastReadingsId = entry.batchId();
        }
    }

    /** A READINGS entry is committed. */
    void committed(LedgerEntry entry) {
        committed(entry, true);
    }

    /**
     * Replays the WAL rows of the batches after {@code flushedBatchId} into the memtable; returns how many batches
     * were replayed. WAL rows without a ledger entry (a batch id above the head or without a BATCH row) are not
     * readings of the ledger: they are skipped and logged at ERROR ({@code verify()} reports them), and the rows
     * above the head are replaced when a new batch takes their id, so they never block an append. A row or record
     * that cannot be decoded (tampered bytes) never stops the open: it is skipped and logged at ERROR once, naming
     * the rows, and verify names it; a record whose digest no longer matches is replayed (its key is intact) and
     * named the same way.
     */
    int replay(long flushedBatchId, SeriesCatalog catalog, Memtable memtable) throws SQLException {
        int replayed = 0;
        long lastReplayed = 0;
        var orphans = new TreeSet<Long>();
        var damaged = new TreeMap<String, String>();
        var ps = db.statement("SELECT w.BATCH_ID, w.PART, w.PAYLOAD, b.BATCH_ID, b.FORMAT FROM WAL w "
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
                int format = rs.getInt(5);
                var where = "WAL batch " + batchId + " part " + rs.getInt(2);
                WalCodec.Entry[] entries;
                try {
                    entries = WalCodec.decode(rs.getBytes(3), batchId, format);
                } catch (IllegalStateException e) {
                    damaged.put(where, e.getMessage());
                    continue;
                }
                for (int i = 0; i < entries.length; i++) {
                    var e = entries[i];
                    var problem = catalog.seriesProblem(e.seriesId());
                    if (problem == null) {
                        problem = catalog.recordProblem(e.quality(), e.sourceId());
                    }
                    if (problem != null) {
                        damaged.put(where + " record " + i, problem + " (not replayed)");
                        continue;
                    }
                    if (format >= 2 && Canonical.digest(catalog.row(e), format) != e.digest()) {
                        damaged.put(where + " record " + i, "the reading no longer matches its digest (replayed)");
                    }
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
        if (!damaged.isEmpty()) {
            LOG.error("Derby store {}: {} write-ahead row(s)/record(s) are damaged, the store opens anyway and verify "
                    + "names them: {}", db.dir(), damaged.size(), damaged);
        }
        return replayed;
    }

    /** Deletes the WAL rows of the batches up to {@code watermark} (they are in block rows now). */
    /** Deletes the WAL rows of the flushed batches (the flusher, on its own connection, in its flush transaction). */
    static void deleteWalUpTo(StoreConnection db, long watermark) throws SQLException {
        var ps = db.statement("DELETE FROM WAL WHERE BATCH_ID <= ?");
        ps.setLong(1, watermark);
        ps.executeUpdate();
    }
}
