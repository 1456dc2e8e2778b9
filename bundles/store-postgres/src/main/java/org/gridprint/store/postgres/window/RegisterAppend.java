package org.gridprint.store.postgres.window;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.store.RegisterRecord;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.RowDigest;

/**
 * A register put inside the writer's open transaction: compares with the current version of (register, key)
 * (same text: unchanged; {@code putIfVersion}: the current version must be the expected one) and inserts the next
 * version with a ref from the sequence {@code register_ref}, recorded at the entry's commit time. Writer thread only.
 */
public final class RegisterAppend {

    /** What a put did. */
    public sealed interface Outcome permits Unchanged, Stored, VersionDiffers {
    }

    /** The text equals the current version's. */
    public record Unchanged(RegisterRecord current) implements Outcome {
    }

    /** A new version; {@code line} goes into the entry. */
    public record Stored(RegisterRecord record, String line) implements Outcome {
    }

    /** putIfVersion: the current version is not the expected one. */
    public record VersionDiffers(int current) implements Outcome {
    }

    private final PreparedStatement current;
    private final PreparedStatement nextRef;
    private final PreparedStatement insert;

    public RegisterAppend(Connection c, String schema) throws SQLException {
        current = c.prepareStatement("SELECT ref, version, text, reason, recorded_at FROM " + schema
                + ".register_record WHERE register = ? AND key = ? ORDER BY version DESC LIMIT 1");
        nextRef = c.prepareStatement("SELECT nextval('" + schema + ".register_ref')");
        insert = c.prepareStatement("INSERT INTO " + schema + ".register_record (ref, register, key, version, text, "
                + "reason, recorded_at, entry_id, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * @param expectedVersion the version the key must be at (0: new), or -1 for a plain put
     */
    public Outcome put(String register, String key, String text, String reason, int expectedVersion, long entryId,
            long now) throws SQLException {
        current.setString(1, register);
        current.setString(2, key);
        Optional<RegisterRecord> cur = Optional.empty();
        try (var rs = current.executeQuery()) {
            if (rs.next()) {
                cur = Optional.of(new RegisterRecord(rs.getLong(1), register, key, rs.getInt(2), rs.getString(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
        int version = cur.map(RegisterRecord::version).orElse(0);
        if (expectedVersion >= 0 && version != expectedVersion) {
            return new VersionDiffers(version);
        }
        if (cur.isPresent() && cur.get().text().equals(text)) {
            return new Unchanged(cur.get());
        }
        long ref;
        try (var rs = nextRef.executeQuery()) {
            rs.next();
            ref = rs.getLong(1);
        }
        var record = new RegisterRecord(ref, register, key, version + 1, text, reason, Instant.ofEpochMilli(now));
        var line = CanonicalLines.registerRecord(record);
        insert.setLong(1, ref);
        insert.setString(2, register);
        insert.setString(3, key);
        insert.setInt(4, version + 1);
        insert.setString(5, text);
        insert.setString(6, record.reason());
        insert.setLong(7, now);
        insert.setLong(8, entryId);
        insert.setInt(9, RowDigest.of(line));
        insert.executeUpdate();
        return new Stored(record, line);
    }
}
