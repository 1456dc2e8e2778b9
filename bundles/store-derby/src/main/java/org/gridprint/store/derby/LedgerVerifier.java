package org.gridprint.store.derby;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.ledger.Checkpoint;
import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.HeadLog;
import org.gridprint.ledger.LedgerFormat;

/**
 * Recomputes the ledger from the stored rows (docs/ledger-spec.md, 7) through the connection it is given (never the
 * store's in-memory state), in chunks: one flush window of entries (their readings from READING_BLOCK) or the entries
 * still in the write-ahead log, each chunk run by the {@link VerifyChunkGuard}. Collects every finding (naming entry
 * and row), never throws for tampered data, and checks the head log. Entries of format 1 verify under the format 1
 * rules (README.md).
 */
final class LedgerVerifier {

    /** A stored reading: its row, the digest stored with it (WAL format 1 has none) and where it is. */
    private record Stored(Canonical.Row row, int digest, boolean hasDigest, String where) {
    }

    /** A BATCH row. */
    private record Batch(long id, long committedAt, String source, int readingCount, String prevHash, String hash,
            int format, String kind, int itemCount, long basis, long prunedBy) {
    }

    /** The result of a verify and the entry to checkpoint when intact. */
    record Outcome(VerificationReport report, Optional<Checkpoint> checkpoint) {
    }

    private final Connection conn;
    private final VerifyChunkGuard guard;
    private final HeadLog headLog;
    private final Findings findings = new Findings();
    private StoredNames names;
    private final Set<Long> checkedBlocks = new HashSet<>();
    private long entries;
    private long readings;
    private long expectedId;
    private String previous;
    private int previousFormat = 1;
    private long lastReadingsId;
    private LedgerEntry last;

    /**
     * @param conn    the connection to read with (not the writer's, when the store has reader connections)
     * @param headLog the head log to check, or null
     */
    LedgerVerifier(Connection conn, VerifyChunkGuard guard, HeadLog headLog) {
        this.conn = conn;
        this.guard = guard;
        this.headLog = headLog;
    }

    /**
     * Verifies {@code scope}: FULL from entry 1; INCREMENTAL from after {@code checkpoint} when the stored entry
     * there still has its hash (else from entry 1).
     */
    Outcome verify(VerifyScope scope, Optional<Checkpoint> checkpoint, long nowMillis) throws Exception {
        names = guard.run(() -> new StoredNames(conn));
        var head = guard.run(this::storedHead);
        long headId = head == null ? 0 : head.id();
        long from = 1;
        previous = LedgerFormat.GENESIS_HASH;
        if (scope == VerifyScope.INCREMENTAL && checkpoint.isPresent() && checkpoint.get().entryId() <= headId) {
            var cp = checkpoint.get();
            var stored = guard.run(() -> batches(cp.entryId(), cp.entryId()));
            if (stored.size() == 1 && cp.hash().equals(stored.get(0).hash())) {
                from = cp.entryId() + 1;
                previous = cp.hash();
                previousFormat = stored.get(0).format();
                lastReadingsId = guard.run(() -> lastReadingsUpTo(cp.entryId()));
                var b = stored.get(0);
                last = new LedgerEntry(b.id(), Instant.ofEpochMilli(b.committedAt()), b.readingCount(), b.prevHash(),
                        b.hash());
            }
        }
        expectedId = from;
        long next = from;
        while (next <= headId) {
            long start = next;
            next = guard.run(() -> chunk(start, headId));
        }
        if (expectedId <= headId) {
            findings.add(expectedId, null, "ledger entries " + expectedId + ".." + headId + " are missing");
        }
        if (scope == VerifyScope.FULL || from == 1) {
            guard.run(this::checkOutsideTheLedger);
        } else {
            guard.run(this::checkWal);
        }
        checkHeadLog(scope, headId);
        var report = findings.report(entries, readings, Optional.ofNullable(last), from);
        Optional<Checkpoint> cp = report instanceof VerificationReport.Intact && last != null
                ? Optional.of(new Checkpoint(last.batchId(), last.hash(), nowMillis))
                : Optional.empty();
        return new Outcome(report, cp);
    }

    private Batch storedHead() throws SQLException {
        var list = new ArrayList<Batch>();
        try (var st = conn.createStatement(); var rs = st.executeQuery(BATCH_COLUMNS
                + " ORDER BY BATCH_ID DESC FETCH FIRST 1 ROWS ONLY")) {
            while (rs.next()) {
                list.add(batch(rs));
            }
        }
        return list.isEmpty() ? null : list.get(0);
    }

    private long lastReadingsUpTo(long id) throws SQLException {
        try (var ps = conn.prepareStatement("SELECT MAX(BATCH_ID) FROM BATCH WHERE KIND = 'READINGS' AND BATCH_ID <= ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static final String BATCH_COLUMNS = "SELECT BATCH_ID, COMMITTED_AT, SOURCE, READING_COUNT, PREV_HASH, HASH, "
            + "FORMAT, KIND, ITEM_COUNT, BASIS_ID, PRUNED_BY FROM BATCH";

    private static Batch batch(java.sql.ResultSet rs) throws SQLException {
        return new Batch(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getString(8), rs.getInt(9), rs.getLong(10), rs.getLong(11));
    }

    private List<Batch> batches(long from, long to) throws SQLException {
        var out = new ArrayList<Batch>();
        try (var ps = conn.prepareStatement(BATCH_COLUMNS + " WHERE BATCH_ID BETWEEN ? AND ? ORDER BY BATCH_ID")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(batch(rs));
                }
            }
        }
        return out;
    }

    private long watermark() throws SQLException {
        try (var st = conn.createStatement();
                var rs = st.executeQuery("SELECT FLUSHED_BATCH_ID FROM STORE_STATE WHERE ID = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Most entries past the flush watermark verified in one chunk (their lines are held in memory together). */
    static final int MAX_WAL_CHUNK_ENTRIES = 256;

    /**
     * Verifies the entries from {@code next} to the end of its flush window (or, past the watermark, up to
     * {@link #MAX_WAL_CHUNK_ENTRIES} entries, at most to {@code headId}); returns the next.
     */
    private long chunk(long next, long headId) throws SQLException {
        long watermark = watermark();
        long end;
        Map<Long, List<Stored>> rows;
        if (next <= watermark) {
            long[] window = flushWindow(next);
            if (window == null) {
                end = Math.min(watermark, headId);
                findings.add(next, "FLUSH", "no FLUSH row covers entries " + next + ".." + end
                        + " although they are below the flush watermark " + watermark);
                rows = Map.of();
            } else {
                end = Math.min(window[2], headId);
                rows = fromBlocks(window[0], next, end);
            }
        } else {
            // entries not flushed yet (the WAL, and every WINDOWS/REGISTER entry after the last flush): a bounded
            // number per chunk, so that a store with millions of windows past the watermark verifies in bounded memory
            end = Math.min(headId, next + MAX_WAL_CHUNK_ENTRIES - 1);
            rows = fromWal(next, end);
        }
        var quarantined = QuarantineTable.lines(conn, next, end);
        var emissions = EmissionTable.lines(conn, next, end);
        var rollups = RollupTable.lines(conn, next, end);
        var windowLines = WindowVerify.lines(conn, next, end, findings);
        var registerLines = RegisterTable.lines(conn, next, end, findings);
        for (var b : batches(next, end)) {
            var derived = switch (b.kind()) {
                case "ROLLUP" -> rollups.getOrDefault(b.id(), List.of());
                case "WINDOWS" -> windowLines.getOrDefault(b.id(), List.of());
                case "REGISTER" -> registerLines.getOrDefault(b.id(), List.of());
                default -> emissions.getOrDefault(b.id(), List.of());
            };
            entry(b, rows.getOrDefault(b.id(), List.of()), quarantined.getOrDefault(b.id(), List.of()), derived);
        }
        return end + 1;
    }

    /** The FLUSH row (number, first, last batch) whose window holds {@code batchId}, or null. */
    private long[] flushWindow(long batchId) throws SQLException {
        try (var ps = conn.prepareStatement("SELECT FLUSH_NO, FIRST_BATCH_ID, LAST_BATCH_ID FROM FLUSH "
                + "WHERE FIRST_BATCH_ID <= ? AND LAST_BATCH_ID >= ? ORDER BY FLUSH_NO FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, batchId);
            ps.setLong(2, batchId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) } : null;
            }
        }
    }

    private void entry(Batch b, List<Stored> rows, List<String> qLines, List<String> eLines) throws SQLException {
        if (b.id() != expectedId) {
            findings.add(b.id(), "BATCH " + b.id(), "ledger entries jump from " + (expectedId - 1) + " to " + b.id()
                    + ": entries " + expectedId + ".." + (b.id() - 1) + " are missing");
        }
        expectedId = b.id() + 1;
        entries++;
        readings += rows.size();
        var link = "chain link of entry " + b.id();
        if (!previous.equals(b.prevHash())) {
            findings.add(b.id(), link, "entry " + b.id() + " names previous hash " + b.prevHash() + " but entry "
                    + (b.id() - 1) + " has hash " + previous);
        }
        if (!LedgerFormat.isHash(b.hash())) {
            findings.add(b.id(), "BATCH " + b.id(), "the stored hash of entry " + b.id() + " is not 64 lower-case hex "
                    + "digits: " + b.hash());
        }
        if (b.format() < previousFormat || b.format() < 1 || b.format() > LedgerFormat.VERSION) {
            findings.add(b.id(), "BATCH " + b.id(), "entry " + b.id() + " has FORMAT " + b.format()
                    + " after an entry of format " + previousFormat + " (formats only go up, 1.." + LedgerFormat.VERSION
                    + ")");
        }
        String recomputed;
        if (b.prunedBy() != 0) {
            recomputed = null; // its readings were rolled up: it verifies as a link, and by the ROLLUP entry's P line
            if (!rows.isEmpty() || !qLines.isEmpty()) {
                findings.add(b.id(), "BATCH " + b.id(), "entry " + b.id() + " was pruned by ROLLUP entry "
                        + b.prunedBy() + " but still has " + rows.size() + " readings and " + qLines.size()
                        + " quarantine rows");
            }
        } else if (b.format() <= 1) {
            recomputed = formatOne(b, rows, qLines, eLines);
        } else {
            recomputed = formatTwo(b, rows, qLines, eLines);
        }
        if (recomputed != null && !recomputed.equals(b.hash()) && !findings.rowNamed(b.id())) {
            findings.add(b.id(), "BATCH " + b.id(), "stored hash " + b.hash() + " but the stored header and rows of "
                    + "entry " + b.id() + " recompute to " + recomputed);
        }
        previous = b.hash();
        previousFormat = Math.max(previousFormat, b.format());
        if ("READINGS".equals(b.kind())) {
            lastReadingsId = b.id();
        }
        last = new LedgerEntry(b.id(), Instant.ofEpochMilli(b.committedAt()), b.readingCount(), b.prevHash(), b.hash());
    }

    private void checkCount(Batch b, String what, int stored, int found) {
        if (stored != found) {
            findings.add(b.id(), "BATCH " + b.id(), "entry " + b.id() + " committed " + stored + " " + what + " but "
                    + found + " are stored");
        }
    }

    private void checkDigests(Batch b, List<Stored> rows, int format) {
        for (var r : rows) {
            if (r.hasDigest() && Canonical.digest(r.row(), format) != r.digest()) {
                findings.addRow(b.id(), describe(r), "a stored reading of entry " + b.id()
                        + " no longer matches the digest written with it");
            }
        }
    }

    private String formatOne(Batch b, List<Stored> rows, List<String> qLines, List<String> eLines) {
        if (!qLines.isEmpty() || !eLines.isEmpty() || !"READINGS".equals(b.kind())) {
            findings.add(b.id(), "BATCH " + b.id(), "entry " + b.id() + " is of format 1, which has only readings, "
                    + "but names kind " + b.kind() + ", " + qLines.size() + " quarantine and " + eLines.size()
                    + " emission rows");
        }
        checkCount(b, "readings", b.readingCount(), rows.size());
        checkDigests(b, rows, 1);
        var sorted = new ArrayList<>(rows);
        sorted.sort((x, y) -> Canonical.ORDER.compare(x.row(), y.row()));
        var md = Canonical.sha256(previous);
        for (var r : sorted) {
            md.update(Canonical.line(r.row()));
        }
        return Canonical.hex(md.digest());
    }

    private String formatTwo(Batch b, List<Stored> rows, List<String> qLines, List<String> eLines) {
        EntryKind kind;
        try {
            kind = EntryKind.valueOf(b.kind());
        } catch (IllegalArgumentException e) {
            findings.add(b.id(), "BATCH " + b.id(), "entry " + b.id() + " names an unknown kind " + b.kind());
            return null;
        }
        EntryHeader header;
        try {
            header = new EntryHeader(b.id(), kind, b.committedAt(), b.source(), b.itemCount(), b.basis());
        } catch (IllegalArgumentException e) {
            findings.add(b.id(), "BATCH " + b.id(), "the header of entry " + b.id() + " is not valid: "
                    + e.getMessage());
            return null;
        }
        var lines = new ArrayList<String>(rows.size() + qLines.size() + eLines.size());
        switch (kind) {
            case READINGS -> {
                checkCount(b, "readings", b.readingCount(), rows.size());
                checkDigests(b, rows, 2);
                rows.forEach(r -> lines.add(Canonical.rLine(r.row())));
                lines.addAll(qLines);
                if (!eLines.isEmpty()) {
                    findings.add(b.id(), "EMISSION rows of entry " + b.id(), eLines.size() + " emission rows name "
                            + "READINGS entry " + b.id());
                }
            }
            case EMISSIONS -> {
                lines.addAll(eLines);
                if (!rows.isEmpty() || !qLines.isEmpty()) {
                    findings.add(b.id(), "BATCH " + b.id(), "EMISSIONS entry " + b.id() + " has " + rows.size()
                            + " readings and " + qLines.size() + " quarantine rows");
                }
                if (b.basis() != lastReadingsId) {
                    findings.add(b.id(), "BATCH " + b.id(), "EMISSIONS entry " + b.id() + " names basis " + b.basis()
                            + " but the newest READINGS entry before it is " + lastReadingsId);
                }
            }
            case ROLLUP -> {
                lines.addAll(eLines); // the W lines (ROLLUP rows) and P lines (entries pruned by it)
                if (!rows.isEmpty() || !qLines.isEmpty()) {
                    findings.add(b.id(), "BATCH " + b.id(), "ROLLUP entry " + b.id() + " has " + rows.size()
                            + " readings and " + qLines.size() + " quarantine rows");
                }
                if (b.basis() != lastReadingsId) {
                    findings.add(b.id(), "BATCH " + b.id(), "ROLLUP entry " + b.id() + " names basis " + b.basis()
                            + " but the newest READINGS entry before it is " + lastReadingsId);
                }
            }
            case WINDOWS, REGISTER -> {
                lines.addAll(eLines); // V and N lines (window blocks, history, WINDOW_ENTRY); G lines (REGISTER_RECORD)
                if (!rows.isEmpty() || !qLines.isEmpty()) {
                    findings.add(b.id(), "BATCH " + b.id(), kind + " entry " + b.id() + " has " + rows.size()
                            + " readings and " + qLines.size() + " quarantine rows");
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (lines.size() != b.itemCount()) {
            findings.add(b.id(), "BATCH " + b.id(), "entry " + b.id() + " committed " + b.itemCount()
                    + " lines but its stored rows give " + lines.size());
        }
        try {
            return EntryHash.of(previous, header, lines);
        } catch (IllegalArgumentException e) {
            return null; // a malformed previous hash: already named as a broken chain link
        }
    }

    private Map<Long, List<Stored>> fromWal(long from, long to) throws SQLException {
        var out = new HashMap<Long, List<Stored>>();
        try (var ps = conn.prepareStatement("SELECT w.BATCH_ID, w.PART, w.PAYLOAD, b.FORMAT FROM WAL w "
                + "JOIN BATCH b ON b.BATCH_ID = w.BATCH_ID WHERE w.BATCH_ID BETWEEN ? AND ? ORDER BY w.BATCH_ID, w.PART")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    var where = "WAL batch " + id + " part " + rs.getInt(2);
                    var payload = rs.getBytes(3);
                    int format = rs.getInt(4);
                    int size = WalCodec.recordSize(format);
                    var list = out.computeIfAbsent(id, k -> new ArrayList<>());
                    if (payload.length % size != 0) {
                        findings.addRow(id, where, "the WAL payload of entry " + id + " has " + payload.length
                                + " bytes, not a multiple of " + size);
                        continue;
                    }
                    var entriesOfRow = WalCodec.decode(payload, id, format);
                    var problem = new String[1];
                    for (int i = 0; i < entriesOfRow.length; i++) {
                        var e = entriesOfRow[i];
                        var row = names.row(e.seriesId(), e.ts(), e.value(), e.quality(), e.sourceId(), problem);
                        if (row == null) {
                            findings.addRow(id, where + " record " + i, "a stored reading of entry " + id
                                    + " cannot be decoded: " + problem[0]);
                            continue;
                        }
                        list.add(new Stored(row, e.digest(), format >= 2, where + " record " + i));
                    }
                }
            }
        }
        return out;
    }

    private Map<Long, List<Stored>> fromBlocks(long flushNo, long firstBatch, long lastBatch) throws SQLException {
        var window = new HashMap<Long, List<Stored>>();
        try (var ps = conn.prepareStatement("SELECT b.BLOCK_ID, b.SERIES_ID, b.PAYLOAD, b.MIN_BATCH_ID, b.FIRST_TS, "
                + "b.LAST_TS, b.READING_COUNT, b.MAX_BATCH_ID FROM BLOCK_FLUSH f "
                + "JOIN READING_BLOCK b ON b.BLOCK_ID = f.BLOCK_ID WHERE f.FLUSH_NO = ? ORDER BY b.BLOCK_ID")) {
            ps.setLong(1, flushNo);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long blockId = rs.getLong(1);
                    int seriesId = rs.getInt(2);
                    var payload = rs.getBytes(3);
                    long minBatch = rs.getLong(4);
                    var where = "READING_BLOCK " + blockId;
                    boolean firstVisit = checkedBlocks.add(blockId);
                    var series = names.series(seriesId);
                    if (series == null) {
                        if (firstVisit) {
                            findings.addRow(minBatch, where, "block row " + blockId + " names series id " + seriesId
                                    + ", which is no stored series");
                        }
                        continue;
                    }
                    if (payload.length % BlockCodec.RECORD != 0) {
                        if (firstVisit) {
                            findings.addRow(minBatch, where, "the payload of block row " + blockId + " has "
                                    + payload.length + " bytes, not a multiple of " + BlockCodec.RECORD);
                        }
                        continue;
                    }
                    var records = BlockCodec.decode(payload);
                    var run = records.run();
                    if (firstVisit) {
                        var problem = BlockCheck.problem(rs.getLong(5), rs.getLong(6), rs.getInt(7), minBatch,
                                rs.getLong(8), run);
                        if (problem != null) {
                            findings.add(run.size > 0 ? run.minBatch(0, run.size) : minBatch, where + " (meter "
                                    + series.meterId() + ", quantity " + series.quantity() + ")",
                                    "block metadata contradicts its payload: " + problem);
                        }
                    }
                    var problem = new String[1];
                    for (int i = 0; i < run.size; i++) {
                        long batch = run.batch[i];
                        if (batch < firstBatch || batch > lastBatch) {
                            continue;
                        }
                        var row = names.row(seriesId, run.ts[i], run.value[i], run.quality[i], run.source[i], problem);
                        if (row == null) {
                            findings.addRow(batch, where + " record " + i, "a stored reading of entry " + batch
                                    + " cannot be decoded: " + problem[0] + " (meter " + series.meterId()
                                    + ", quantity " + series.quantity() + ", timestamp " + run.ts[i] + ")");
                            continue;
                        }
                        window.computeIfAbsent(batch, k -> new ArrayList<>())
                                .add(new Stored(row, records.digests()[i], true, where + " record " + i));
                    }
                }
            }
        }
        return window;
    }

    /** WAL rows that belong to no unflushed entry (above the head, without a BATCH row, or at/below the watermark). */
    private Void checkWal() throws SQLException {
        long watermark = watermark();
        var orphans = new java.util.TreeSet<Long>();
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT DISTINCT w.BATCH_ID, b.BATCH_ID FROM WAL w "
                + "LEFT JOIN BATCH b ON b.BATCH_ID = w.BATCH_ID")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                rs.getLong(2);
                if (rs.wasNull() || id <= watermark) {
                    orphans.add(id);
                }
            }
        }
        // ingest goes on meanwhile: a batch committed while the join ran can show its WAL rows without its BATCH row
        // (Derby may read BATCH before WAL); a fresh look at BATCH tells a new entry from rows outside the ledger
        orphans.removeIf(id -> id > watermark && entryExists(id, "READINGS"));
        for (long id : orphans) {
            findings.add(id, "WAL rows of batch " + id, "the write-ahead log holds rows of batch " + id
                    + ", which is not an unflushed ledger entry (flush watermark " + watermark + "): readings were "
                    + "added outside the ledger");
        }
        return null;
    }

    /** Full verify: nothing stored outside the ledger (WAL, block records, quarantine and emission rows). */
    private Void checkOutsideTheLedger() throws SQLException {
        checkWal();
        long watermark = watermark();
        long inBlocks;
        try (var st = conn.createStatement();
                var rs = st.executeQuery("SELECT COALESCE(SUM(LENGTH(PAYLOAD)), 0) FROM READING_BLOCK")) {
            rs.next();
            inBlocks = rs.getLong(1) / BlockCodec.RECORD;
        }
        long ledgered;
        try (var ps = conn.prepareStatement("SELECT COALESCE(SUM(CAST(READING_COUNT AS BIGINT)), 0) FROM BATCH "
                + "WHERE BATCH_ID <= ? AND PRUNED_BY = 0")) {
            ps.setLong(1, watermark);
            try (var rs = ps.executeQuery()) {
                rs.next();
                ledgered = rs.getLong(1);
            }
        }
        if (inBlocks != ledgered) {
            findings.add(last == null ? 0 : last.batchId(), "READING_BLOCK", "READING_BLOCK holds " + inBlocks
                    + " readings but the flushed ledger entries account for " + ledgered
                    + ": readings were added or removed outside the ledger");
        }
        for (var e : QuarantineTable.orphans(conn).entrySet()) {
            if (entryExists(e.getValue(), "READINGS")) {
                continue; // committed while the join ran (see checkWal)
            }
            findings.add(e.getValue(), "QUARANTINE row " + e.getKey(), "the quarantine row names entry "
                    + e.getValue() + ", which is no READINGS entry of the ledger");
        }
        for (var e : RollupTable.orphans(conn).entrySet()) {
            findings.add(e.getValue(), e.getKey(), e.getKey() + " names entry " + e.getValue()
                    + ", which is no later ROLLUP entry of the ledger");
        }
        for (var e : EmissionTable.orphans(conn).entrySet()) {
            if (entryExists(e.getValue(), "EMISSIONS")) {
                continue; // committed while the join ran (see checkWal)
            }
            findings.add(e.getValue(), "EMISSION row " + e.getKey(), "the emission row names entry " + e.getValue()
                    + ", which is no EMISSIONS entry of the ledger");
        }
        return null;
    }

    /** Whether BATCH holds entry {@code id} of {@code kind} now (a fresh point lookup). */
    private boolean entryExists(long id, String kind) {
        try (var ps = conn.prepareStatement("SELECT 1 FROM BATCH WHERE BATCH_ID = ? AND KIND = ?")) {
            ps.setLong(1, id);
            ps.setString(2, kind);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up entry " + id + ": " + e.getMessage(), e);
        }
    }

    private void checkHeadLog(VerifyScope scope, long headId) throws Exception {
        if (headLog == null) {
            return;
        }
        java.util.function.LongFunction<Optional<String>> hashOf = id -> {
            try {
                return guard.run(() -> {
                    var list = batches(id, id);
                    return list.isEmpty() ? Optional.<String>empty() : Optional.of(list.get(0).hash());
                });
            } catch (Exception e) {
                throw new IllegalStateException("reading the hash of entry " + id + ": " + e.getMessage(), e);
            }
        };
        try {
            // ingest goes on while verify runs: the writer may commit and anchor entries after headId. Check against
            // the stored head read just before; if the head moved during the check, check again (bounded), so an
            // anchor of an entry committed meanwhile is never mistaken for a truncation.
            long bound = headId;
            List<VerificationReport.Finding> found = List.of();
            for (int attempt = 0; attempt < 5; attempt++) {
                var before = guard.run(this::storedHead);
                bound = Math.max(headId, before == null ? 0 : before.id());
                found = scope == VerifyScope.FULL ? headLog.check(bound, hashOf) : headLog.checkLast(bound, hashOf);
                var after = guard.run(this::storedHead);
                if (found.isEmpty() || (after == null ? 0 : after.id()) == (before == null ? 0 : before.id())) {
                    break;
                }
            }
            found.forEach(findings::add);
        } catch (IOException e) {
            findings.add(0, "head log " + headLog.file().getFileName(), "the head log cannot be read: "
                    + e.getMessage());
        }
    }

    private static String describe(Stored s) {
        var r = s.row();
        return "meter " + r.meterId() + ", quantity " + r.quantity() + ", timestamp " + Instant.ofEpochMilli(r.ts())
                + " (" + r.ts() + "), stored value " + r.value() + ", quality " + r.quality() + ", source " + r.source()
                + " (" + s.where() + ")";
    }
}
