package org.gridprint.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerificationReport.Finding;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.Checkpoint;
import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.LedgerFormat;
import org.gridprint.ledger.RowDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the ledger from the stored rows on a pooled reader connection, in one REPEATABLE READ snapshot, so
 * appends go on meanwhile and are not seen half-way. Entries are read in id order and merged with the reading,
 * quarantine and emission rows read in entry id order (server-side cursors, constant memory but one entry's lines).
 * Every finding is collected (the report lists the first {@link VerificationReport#MAX_FINDINGS}); tampered data
 * never makes it throw. An intact result moves the checkpoint (database and file).
 */
final class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    private static final Quality[] QUALITIES = Quality.values();

    record LastVerify(Instant at, boolean intact) {
    }

    private final Readers readers;
    private final String s;
    private final Anchors anchors;
    private final Clock clock;
    private volatile Optional<LastVerify> last = Optional.empty();

    Verifier(Readers readers, String schema, Anchors anchors, Clock clock) {
        this.readers = readers;
        this.s = schema;
        this.anchors = anchors;
        this.clock = clock;
    }

    Optional<LastVerify> last() {
        return last;
    }

    /** The checkpoint as stored in the database (entry id 0: none). */
    Optional<LedgerEntry> checkpoint() {
        return readers.run("verify checkpoint", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT st.checkpoint_entry_id, "
                    + "e.committed_at, e.reading_count, e.prev_hash, e.hash, st.last_verify_at, "
                    + "st.last_verify_intact FROM " + s + ".store_state st LEFT JOIN " + s + ".ledger_entry e "
                    + "ON e.entry_id = "
                    + "st.checkpoint_entry_id WHERE st.id = 1")) {
                if (!rs.next() || rs.getLong(1) == 0 || rs.getString(5) == null) {
                    return Optional.<LedgerEntry>empty();
                }
                long lastAt = rs.getLong(6);
                if (!rs.wasNull() && last.isEmpty()) {
                    last = Optional.of(new LastVerify(Instant.ofEpochMilli(lastAt), rs.getBoolean(7)));
                }
                return Optional.of(Head.entry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5)));
            }
        });
    }

    synchronized VerificationReport verify(VerifyScope scope) {
        var report = readers.run("verify", c -> run(c, scope));
        var now = clock.millis();
        last = Optional.of(new LastVerify(Instant.ofEpochMilli(now), report instanceof VerificationReport.Intact));
        if (report instanceof VerificationReport.Intact intact) {
            intact.head().ifPresent(h -> saveCheckpoint(new Checkpoint(h.batchId(), h.hash(), now)));
            if (intact.head().isEmpty()) {
                saveVerify(now, true);
            }
        } else {
            var b = (VerificationReport.Broken) report;
            LOG.error("PostgreSQL ledger (schema {}) is broken: {} finding(s), the first: entry {}{}: {}", s,
                    b.findingCount(), b.batchId(), b.row().map(r -> " " + r).orElse(""), b.reason());
            saveVerify(now, false);
        }
        return report;
    }

    private void saveCheckpoint(Checkpoint cp) {
        readers.run("saving the verify checkpoint", c -> {
            try (var ps = c.prepareStatement("UPDATE " + s + ".store_state SET checkpoint_entry_id = ?, "
                    + "checkpoint_hash = ?, checkpoint_at = ?, last_verify_at = ?, last_verify_intact = TRUE "
                    + "WHERE id = 1")) {
                ps.setLong(1, cp.entryId());
                ps.setString(2, cp.hash());
                ps.setLong(3, cp.verifiedAtMillis());
                ps.setLong(4, cp.verifiedAtMillis());
                ps.executeUpdate();
            }
            return null;
        });
        anchors.writeCheckpoint(cp);
    }

    private void saveVerify(long at, boolean intact) {
        readers.run("saving the verify result", c -> {
            try (var ps = c.prepareStatement("UPDATE " + s + ".store_state SET last_verify_at = ?, "
                    + "last_verify_intact = ? WHERE id = 1")) {
                ps.setLong(1, at);
                ps.setBoolean(2, intact);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Collects findings: all are counted, the first MAX_FINDINGS kept. */
    private static final class Findings {
        final List<Finding> list = new ArrayList<>();
        long count;

        void add(long entryId, String row, String reason) {
            count++;
            if (list.size() < VerificationReport.MAX_FINDINGS) {
                list.add(new Finding(entryId, Optional.ofNullable(row), reason));
            }
        }
    }

    private record SeriesName(String meterId, String quantity) {
    }

    /** What the snapshot showed, before the head log is checked. */
    private record Walk(Findings findings, long batches, long readings, Optional<LedgerEntry> head, long from) {
    }

    private VerificationReport run(Connection c, VerifyScope scope) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        Walk walk;
        try {
            walk = check(c, scope);
        } finally {
            c.rollback();
        }
        // the head log against the entries stored now (read committed, outside the snapshot)
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
        var f = walk.findings();
        try (var hashOf = c.prepareStatement("SELECT hash FROM " + s + ".ledger_entry WHERE entry_id = ?")) {
            var anchorFindings = anchors.check(scope == VerifyScope.FULL || walk.from() == 1,
                    () -> storedHead(c).map(LedgerEntry::batchId).orElse(0L), id -> storedHash(hashOf, id));
            anchorFindings.forEach(a -> f.add(a.batchId(), a.row().orElse(null), a.reason()));
        } catch (IOException | UncheckedIOException ex) {
            f.add(0, "head log " + anchors.headLogFile(), "head log unreadable: " + ex.getMessage());
        }
        if (f.count == 0) {
            return new VerificationReport.Intact(walk.batches(), walk.readings(), walk.head(), walk.from());
        }
        return new VerificationReport.Broken(walk.batches(), walk.readings(), f.list, f.count);
    }

    private Walk check(Connection c, VerifyScope scope) throws SQLException {
        var f = new Findings();
        var series = new HashMap<Integer, SeriesName>();
        var sources = new HashMap<Integer, String>();
        try (var st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT series_id, meter_id, quantity FROM " + s + ".series")) {
                while (rs.next()) {
                    series.put(rs.getInt(1), new SeriesName(rs.getString(2), rs.getString(3)));
                }
            }
            try (var rs = st.executeQuery("SELECT source_id, name FROM " + s + ".source")) {
                while (rs.next()) {
                    sources.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        var storedHead = storedHead(c);
        long start = 1;
        String prevHash = LedgerFormat.GENESIS_HASH;
        if (scope == VerifyScope.INCREMENTAL) {
            var cp = trustedCheckpoint(c);
            if (cp.isPresent()) {
                start = cp.get().entryId() + 1;
                prevHash = cp.get().hash();
            }
        }
        long batches = 0;
        long readingsChecked = 0;
        long expected = start;
        try (var entries = new RowCursor(c, "SELECT entry_id, format, kind, committed_at, source, item_count, "
                + "basis_entry_id, prev_hash, hash, reading_count FROM " + s + ".ledger_entry WHERE entry_id >= ? "
                + "ORDER BY entry_id", start);
                var readings = new RowCursor(c, "SELECT entry_id, series_id, ts, value, quality, source_id, digest "
                        + "FROM " + s + ".reading WHERE entry_id >= ? ORDER BY entry_id", start);
                var quarantine = new RowCursor(c, "SELECT entry_id, id, meter_id, quantity, ts, value, quality, "
                        + "source, stored_value, received_at, reason, digest FROM " + s + ".quarantine "
                        + "WHERE entry_id >= ? ORDER BY entry_id, id", start);
                var emissions = new RowCursor(c, "SELECT entry_id, meter_id, quantity, start_ts, end_ts, "
                        + "start_counter, end_counter, energy, quality, flags, site_id, scope, method, factor_value, "
                        + "factor_unit, factor_source, factor_edition, factor_gwp, factor_region, grams_co2e, "
                        + "computed_at, digest FROM " + s + ".emission WHERE entry_id >= ? ORDER BY entry_id", start);
                var records = new RowCursor(c, "SELECT entry_id, ref, register, key, version, text, reason, "
                        + "recorded_at, digest FROM " + s + ".register_record WHERE entry_id >= ? "
                        + "ORDER BY entry_id, ref", start)) {
            var windows = new WindowVerify(c, s, f::add);
            while (entries.entryId() != Long.MAX_VALUE) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("PostgreSQL store: verify interrupted after " + batches
                            + " entries");
                }
                var e = entries.row();
                long id = e.getLong(1);
                // rows of ids before this entry belong to no entry (a gap)
                orphans(id, readings, quarantine, emissions, series, sources, f);
                registerOrphans(id, records, f);
                if (id != expected) {
                    f.add(id, "ledger_entry " + id, "entries " + expected + (id - 1 > expected ? ".." + (id - 1) : "")
                            + " are missing: entry ids must run without gaps");
                }
                int format = e.getShort(2);
                var kindName = e.getString(3);
                long committedAt = e.getLong(4);
                var source = e.getString(5);
                int itemCount = e.getInt(6);
                long basis = e.getLong(7);
                var storedPrev = e.getString(8);
                var hash = e.getString(9);
                int readingCount = e.getInt(10);
                batches++;
                if (!prevHash.equals(storedPrev)) {
                    f.add(id, "ledger_entry " + id, "previous hash " + storedPrev + " is not the hash of entry "
                            + (id - 1) + " (" + prevHash + "): the chain is broken here");
                }
                if (!LedgerFormat.isHash(hash)) {
                    f.add(id, "ledger_entry " + id, "stored hash '" + hash + "' is not 64 lower-case hex digits");
                }
                if (format != LedgerFormat.VERSION) {
                    f.add(id, "ledger_entry " + id, "format " + format + ": this store writes format "
                            + LedgerFormat.VERSION + " only");
                }
                EntryKind kind = null;
                try {
                    kind = EntryKind.valueOf(kindName);
                } catch (IllegalArgumentException ex) {
                    f.add(id, "ledger_entry " + id, "kind '" + kindName + "' is not an entry kind");
                }
                EntryHeader header = null;
                if (kind != null) {
                    try {
                        header = new EntryHeader(id, kind, committedAt, source, itemCount, basis);
                    } catch (IllegalArgumentException ex) {
                        f.add(id, "ledger_entry " + id, "header does not hold: " + ex.getMessage());
                    }
                    boolean carbon = kind == EntryKind.WINDOWS || kind == EntryKind.REGISTER;
                    if (kind != EntryKind.READINGS && header != null && !(carbon && basis == 0)) {
                        checkBasis(c, id, basis, f);
                    }
                }
                long before = f.count;
                var lines = new ArrayList<String>();
                long readingRows = readingLines(id, readings, series, sources, kind, lines, f);
                readingsChecked += readingRows;
                if (readingRows != readingCount) {
                    f.add(id, "ledger_entry " + id, "reading count " + readingCount + " but " + readingRows
                            + " reading rows belong to the entry");
                }
                quarantineLines(id, quarantine, kind, lines, f);
                emissionLines(id, emissions, kind, lines, f);
                registerLines(id, records, kind, lines, f);
                if (kind == EntryKind.WINDOWS) {
                    lines.addAll(windows.lines(id));
                }
                if (lines.size() != itemCount) {
                    f.add(id, "ledger_entry " + id, "item count " + itemCount + " but " + lines.size()
                            + " rows belong to the entry: rows were deleted or added");
                }
                if (header != null && LedgerFormat.isHash(storedPrev) && f.count == before) {
                    var recomputed = EntryHash.of(storedPrev, header, lines);
                    if (!recomputed.equals(hash)) {
                        f.add(id, "ledger_entry " + id, "stored hash " + hash + " but the header and rows recompute "
                                + "to " + recomputed + " (a header field or row was changed)");
                    }
                }
                prevHash = hash == null ? "" : hash;
                expected = id + 1;
                entries.advance();
            }
            orphans(Long.MAX_VALUE, readings, quarantine, emissions, series, sources, f);
            registerOrphans(Long.MAX_VALUE, records, f);
            windows.finish();
            windows.checkBlocks(start);
        }
        return new Walk(f, batches, readingsChecked, storedHead, start);
    }

    private Optional<LedgerEntry> storedHead(Connection c) {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT entry_id, committed_at, reading_count, "
                + "prev_hash, hash FROM " + s + ".ledger_entry ORDER BY entry_id DESC LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(Head.entry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                    rs.getString(5)));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL store: cannot read the ledger head: " + e.getMessage(), e);
        }
    }

    private Optional<String> storedHash(Connection c, long id) {
        try (var ps = c.prepareStatement("SELECT hash FROM " + s + ".ledger_entry WHERE entry_id = ?")) {
            return storedHash(ps, id);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL store: cannot read entry " + id + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> storedHash(java.sql.PreparedStatement ps, long id) {
        try {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL store: cannot read entry " + id + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint when the database and the file agree and the entry still has that hash. */
    private Optional<Checkpoint> trustedCheckpoint(Connection c) throws SQLException {
        long id;
        String hash;
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT checkpoint_entry_id, checkpoint_hash, "
                + "checkpoint_at FROM " + s + ".store_state WHERE id = 1")) {
            if (!rs.next() || rs.getLong(1) < 1 || rs.getString(2) == null) {
                return Optional.empty();
            }
            id = rs.getLong(1);
            hash = rs.getString(2);
        }
        var file = anchors.readCheckpoint();
        if (file.isEmpty() || file.get().entryId() != id || !file.get().hash().equals(hash)) {
            LOG.info("verify checkpoint of schema {} (entry {}) and the file {} disagree: verifying in full", s, id,
                    file.map(Checkpoint::toString).orElse("(none)"));
            return Optional.empty();
        }
        if (!storedHash(c, id).map(hash::equals).orElse(false)) {
            LOG.info("verify checkpoint entry {} no longer has its checkpointed hash: verifying in full", id);
            return Optional.empty();
        }
        return file;
    }

    private void checkBasis(Connection c, long id, long basis, Findings f) throws SQLException {
        if (basis <= 0 || basis >= id) {
            f.add(id, "ledger_entry " + id, "basis " + basis + " must name an earlier READINGS entry");
            return;
        }
        try (var ps = c.prepareStatement("SELECT kind FROM " + s + ".ledger_entry WHERE entry_id = ?")) {
            ps.setLong(1, basis);
            try (var rs = ps.executeQuery()) {
                if (!rs.next() || !EntryKind.READINGS.name().equals(rs.getString(1))) {
                    f.add(id, "ledger_entry " + id, "basis " + basis + " is not a READINGS entry");
                }
            }
        }
    }

    private static String hex(int digest) {
        return HexFormat.of().toHexDigits(digest);
    }

    /** The R lines of entry {@code id}; returns how many reading rows it read. */
    private static long readingLines(long id, RowCursor rows, Map<Integer, SeriesName> series,
            Map<Integer, String> sources, EntryKind kind, List<String> lines, Findings f) throws SQLException {
        long n = 0;
        while (rows.entryId() == id) {
            var rs = rows.row();
            n++;
            var line = readingLine(rs, series, sources, f);
            if (line != null) {
                if (kind != null && kind != EntryKind.READINGS) {
                    f.add(id, readingName(rs, series), "a reading row belongs to entry " + id + ", a " + kind
                            + " entry");
                }
                lines.add(line);
            }
            rows.advance();
        }
        return n;
    }

    private static String readingName(ResultSet rs, Map<Integer, SeriesName> series) throws SQLException {
        var sn = series.get(rs.getInt(2));
        var who = sn == null ? "series " + rs.getInt(2) : sn.meterId() + " " + sn.quantity();
        return "reading " + who + " at " + Instant.ofEpochMilli(rs.getLong(3)) + " value " + rs.getDouble(4);
    }

    /** The R line of a reading row, or null (with a finding) when the row cannot be decoded or its digest differs. */
    private static String readingLine(ResultSet rs, Map<Integer, SeriesName> series, Map<Integer, String> sources,
            Findings f) throws SQLException {
        long id = rs.getLong(1);
        var name = readingName(rs, series);
        var sn = series.get(rs.getInt(2));
        var source = sources.get(rs.getInt(6));
        int quality = rs.getShort(5);
        Optional<Quantity> q = sn == null ? Optional.empty() : Quantity.parse(sn.quantity())
                .filter(x -> x.name().equals(sn.quantity()));
        if (sn == null || q.isEmpty()) {
            f.add(id, name, "series " + rs.getInt(2) + (sn == null ? " does not exist" : " names '" + sn.quantity()
                    + "', not a quantity"));
            return null;
        }
        if (source == null) {
            f.add(id, name, "source id " + rs.getInt(6) + " does not exist");
            return null;
        }
        if (quality < 0 || quality >= QUALITIES.length) {
            f.add(id, name, "quality " + quality + " is not a quality");
            return null;
        }
        var line = CanonicalLines.reading(sn.meterId(), q.get(), rs.getLong(3), rs.getDouble(4), QUALITIES[quality],
                source);
        int digest = rs.getInt(7);
        if (RowDigest.of(line) != digest) {
            f.add(id, name, "row digest " + hex(digest) + " does not match the stored values (they give "
                    + hex(RowDigest.of(line)) + "): the row was changed");
        }
        return line;
    }

    private static void quarantineLines(long id, RowCursor rows, EntryKind kind, List<String> lines, Findings f)
            throws SQLException {
        while (rows.entryId() == id) {
            var line = quarantineLine(rows.row(), f);
            if (line != null) {
                if (kind != null && kind != EntryKind.READINGS) {
                    f.add(id, "quarantine row " + rows.row().getLong(2), "a quarantine row belongs to entry " + id
                            + ", a " + kind + " entry");
                }
                lines.add(line);
            }
            rows.advance();
        }
    }

    private static String quarantineLine(ResultSet rs, Findings f) throws SQLException {
        long id = rs.getLong(1);
        var name = "quarantine row " + rs.getLong(2) + " (" + rs.getString(3) + " " + rs.getString(4) + " at "
                + Instant.ofEpochMilli(rs.getLong(5)) + " value " + rs.getDouble(6) + ")";
        Quantity q;
        Quality quality;
        try {
            q = Quantity.valueOf(rs.getString(4));
            quality = Quality.valueOf(rs.getString(7));
        } catch (IllegalArgumentException e) {
            f.add(id, name, "quantity or quality does not name one: " + e.getMessage());
            return null;
        }
        var line = CanonicalLines.quarantined(rs.getString(3), q, rs.getLong(5), rs.getDouble(6), quality,
                rs.getString(8), rs.getDouble(9), rs.getLong(10), rs.getString(11));
        int digest = rs.getInt(12);
        if (RowDigest.of(line) != digest) {
            f.add(id, name, "row digest " + hex(digest) + " does not match the stored values (they give "
                    + hex(RowDigest.of(line)) + "): the row was changed");
        }
        return line;
    }

    private static void emissionLines(long id, RowCursor rows, EntryKind kind, List<String> lines, Findings f)
            throws SQLException {
        while (rows.entryId() == id) {
            var line = emissionLine(rows.row(), f);
            if (line != null) {
                if (kind != null && kind != EntryKind.EMISSIONS) {
                    f.add(id, emissionName(rows.row()), "an emission row belongs to entry " + id + ", a " + kind
                            + " entry");
                }
                lines.add(line);
            }
            rows.advance();
        }
    }

    private static String emissionName(ResultSet rs) throws SQLException {
        return "emission row " + rs.getString(2) + " " + Instant.ofEpochMilli(rs.getLong(4)) + ".."
                + Instant.ofEpochMilli(rs.getLong(5)) + " " + rs.getString(13) + " grams " + rs.getDouble(20);
    }

    private static String emissionLine(ResultSet rs, Findings f) throws SQLException {
        long id = rs.getLong(1);
        var name = emissionName(rs);
        var record = Readers.emission(rs, 1);
        if (record.isEmpty()) {
            f.add(id, name, "the row cannot be decoded (a name that means nothing or an impossible interval)");
            return null;
        }
        var line = CanonicalLines.emission(record.get());
        int digest = rs.getInt(22);
        if (RowDigest.of(line) != digest) {
            f.add(id, name, "row digest " + hex(digest) + " does not match the stored values (they give "
                    + hex(RowDigest.of(line)) + "): the row was changed");
        }
        return line;
    }

    private static String recordName(ResultSet rs) throws SQLException {
        return "register record " + rs.getString(3) + " " + rs.getString(4) + " version " + rs.getInt(5) + " ref "
                + rs.getLong(2);
    }

    /** The G lines of entry {@code id}'s register rows, their digests checked. */
    private static void registerLines(long id, RowCursor rows, EntryKind kind, List<String> lines, Findings f)
            throws SQLException {
        while (rows.entryId() == id) {
            var rs = rows.row();
            var name = recordName(rs);
            if (kind != null && kind != EntryKind.REGISTER) {
                f.add(id, name, "a register row belongs to entry " + id + ", a " + kind + " entry");
            }
            var line = CanonicalLines.registerRecord(new org.gridprint.api.store.RegisterRecord(rs.getLong(2),
                    rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                    Instant.ofEpochMilli(rs.getLong(8))));
            int digest = rs.getInt(9);
            if (RowDigest.of(line) != digest) {
                f.add(id, name, "row digest " + hex(digest) + " does not match the stored values (they give "
                        + hex(RowDigest.of(line)) + "): the record was changed");
            }
            lines.add(line);
            rows.advance();
        }
    }

    private static void registerOrphans(long nextEntryId, RowCursor rows, Findings f) throws SQLException {
        while (rows.entryId() < nextEntryId) {
            var rs = rows.row();
            f.add(rs.getLong(1), recordName(rs), "no ledger entry " + rs.getLong(1)
                    + " accounts for this register row");
            rows.advance();
        }
    }

    /** Rows of ids below {@code nextEntryId} that no entry accounts for. */
    private static void orphans(long nextEntryId, RowCursor readings, RowCursor quarantine, RowCursor emissions,
            Map<Integer, SeriesName> series, Map<Integer, String> sources, Findings f) throws SQLException {
        while (readings.entryId() < nextEntryId) {
            var rs = readings.row();
            f.add(rs.getLong(1), readingName(rs, series), "no ledger entry " + rs.getLong(1)
                    + " accounts for this reading row");
            readings.advance();
        }
        while (quarantine.entryId() < nextEntryId) {
            var rs = quarantine.row();
            f.add(rs.getLong(1), "quarantine row " + rs.getLong(2), "no ledger entry " + rs.getLong(1)
                    + " accounts for this quarantine row");
            quarantine.advance();
        }
        while (emissions.entryId() < nextEntryId) {
            var rs = emissions.row();
            f.add(rs.getLong(1), emissionName(rs), "no ledger entry " + rs.getLong(1)
                    + " accounts for this emission row");
            emissions.advance();
        }
    }
}
