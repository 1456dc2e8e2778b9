package org.gridprint.store.derby;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.RowDigest;

/**
 * REGISTER_RECORD: one row per version of a register record, each written with its REGISTER entry (one G line) in one
 * transaction on the writer thread; refs are MAX(REF) + 1 under the single writer (never reused: rows are never
 * deleted).
 */
final class RegisterTable {

    static final String SOURCE = "register";
    private static final String COLUMNS = "REF, REGISTER_NAME, KEY_NAME, VERSION, TEXT, REASON, RECORDED_AT";

    private RegisterTable() {
    }

    /** Refuses names and texts beyond the limits, naming which (caller's thread). */
    static void check(String register, String key, String text) {
        if (register == null || register.isEmpty() || register.length() > RecordRegister.MAX_NAME_CHARS) {
            throw new IllegalArgumentException("register name must have 1.." + RecordRegister.MAX_NAME_CHARS
                    + " characters, was " + (register == null ? "null" : register.length() + ""));
        }
        if (key == null || key.isEmpty() || key.length() > RecordRegister.MAX_NAME_CHARS) {
            throw new IllegalArgumentException("register " + register + ": key must have 1.."
                    + RecordRegister.MAX_NAME_CHARS + " characters, was " + (key == null ? "null" : key.length() + ""));
        }
        if (text == null) {
            throw new IllegalArgumentException("register " + register + " key " + key + ": text must not be null");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > RecordRegister.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("register " + register + " key " + key + ": text has " + bytes
                    + " UTF-8 bytes, at most " + RecordRegister.MAX_TEXT_BYTES + " are allowed");
        }
    }

    /** The outcome of a put: the record and the entry written (null when unchanged or refused). */
    record Put(Optional<RegisterRecord> record, LedgerEntry entry) {
    }

    /** Put (expectedVersion < 0) or compare-and-set (expectedVersion >= 0), on the writer connection. */
    static Put put(StoreConnection db, BatchLedger ledger, String register, String key, String text, String reason,
            int expectedVersion) {
        var cut = WindowWriter.cut(reason);
        var out = db.transaction("storing register record " + register + "/" + key, () -> {
            var c = db.connection();
            var current = current(c, register, key);
            int version = current.map(RegisterRecord::version).orElse(0);
            if (expectedVersion >= 0 && version != expectedVersion) {
                return new Put(Optional.empty(), null);
            }
            if (current.isPresent() && current.get().text().equals(text)) {
                return new Put(current, null);
            }
            long ref;
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MAX(REF) FROM REGISTER_RECORD")) {
                rs.next();
                ref = rs.getLong(1) + 1;
            }
            long entryId = ledger.nextId();
            var record = new RegisterRecord(ref, register, key, version + 1, text, cut,
                    Instant.ofEpochMilli(ledger.clockMillis()));
            var line = CanonicalLines.registerRecord(record);
            try (var ps = c.prepareStatement("INSERT INTO REGISTER_RECORD (" + COLUMNS + ", ENTRY_ID, DIGEST) "
                    + "VALUES (?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, ref);
                ps.setString(2, register);
                ps.setString(3, key);
                ps.setInt(4, record.version());
                ps.setBytes(5, text.getBytes(StandardCharsets.UTF_8));
                ps.setString(6, cut);
                ps.setLong(7, record.recordedAt().toEpochMilli());
                ps.setLong(8, entryId);
                ps.setInt(9, RowDigest.of(line));
                ps.executeUpdate();
            }
            return new Put(Optional.of(record), ledger.writeDerived(EntryKind.REGISTER, SOURCE, List.of(line)));
        });
        if (out.entry() != null) {
            ledger.committed(out.entry(), false);
        }
        return out;
    }

    private static RegisterRecord read(ResultSet rs) throws SQLException {
        return new RegisterRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                new String(rs.getBytes(5), StandardCharsets.UTF_8), rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)));
    }

    static Optional<RegisterRecord> current(Connection c, String register, String key) throws SQLException {
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM REGISTER_RECORD WHERE REGISTER_NAME = ? AND "
                + "KEY_NAME = ? ORDER BY VERSION DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, register);
            ps.setString(2, key);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static Optional<RegisterRecord> byRef(Connection c, long ref) throws SQLException {
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM REGISTER_RECORD WHERE REF = ?")) {
            ps.setLong(1, ref);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static List<RegisterRecord> list(Connection c, String register) throws SQLException {
        var out = new ArrayList<RegisterRecord>();
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM REGISTER_RECORD r WHERE REGISTER_NAME = ? AND "
                + "VERSION = (SELECT MAX(VERSION) FROM REGISTER_RECORD x WHERE x.REGISTER_NAME = r.REGISTER_NAME AND "
                + "x.KEY_NAME = r.KEY_NAME)")) {
            ps.setString(1, register);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    static List<RegisterRecord> history(Connection c, String register, String key) throws SQLException {
        var out = new ArrayList<RegisterRecord>();
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM REGISTER_RECORD WHERE REGISTER_NAME = ? AND "
                + "KEY_NAME = ? ORDER BY VERSION")) {
            ps.setString(1, register);
            ps.setString(2, key);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Verify: the G lines of entries {@code from..to} by entry; a changed row (digest) is named as a finding. */
    static java.util.Map<Long, List<String>> lines(Connection c, long from, long to, Findings findings)
            throws SQLException {
        var out = new java.util.HashMap<Long, List<String>>();
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + ", ENTRY_ID, DIGEST FROM REGISTER_RECORD WHERE "
                + "ENTRY_ID BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long entry = rs.getLong(8);
                    var r = read(rs);
                    var line = CanonicalLines.registerRecord(r);
                    if (RowDigest.of(line) != rs.getInt(9)) {
                        findings.addRow(entry, "register record " + r.register() + " " + r.key() + " version "
                                + r.version() + " ref " + r.ref(), "the stored register record of entry " + entry
                                + " no longer matches its digest: it was changed after it was written");
                    }
                    out.computeIfAbsent(entry, k -> new ArrayList<>()).add(line);
                }
            }
        }
        return out;
    }
}
