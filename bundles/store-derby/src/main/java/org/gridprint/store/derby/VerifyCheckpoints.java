package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.gridprint.ledger.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verify checkpoint (docs/ledger-spec.md, 6): the last verified entry, kept in VERIFY_CHECKPOINT and in the file
 * {@code <store dir>/verify-checkpoint}; trusted only when both agree (the verifier also checks that the stored
 * entry still has that hash).
 */
final class VerifyCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyCheckpoints.class);

    private final Path file;

    VerifyCheckpoints(Path storeDir) {
        this.file = storeDir.resolve(Checkpoint.FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The checkpoint of the database row, empty when none. */
    static Optional<Checkpoint> stored(Connection c) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT ENTRY_ID, HASH, VERIFIED_AT FROM VERIFY_CHECKPOINT WHERE ID = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** The stored checkpoint as the ledger entry it names (read from BATCH), empty when none or gone. */
    static Optional<org.gridprint.api.LedgerEntry> entry(Connection c) throws SQLException {
        var cp = stored(c);
        if (cp.isEmpty()) {
            return Optional.empty();
        }
        try (var ps = c.prepareStatement("SELECT COMMITTED_AT, READING_COUNT, PREV_HASH, HASH FROM BATCH "
                + "WHERE BATCH_ID = ?")) {
            ps.setLong(1, cp.get().entryId());
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new org.gridprint.api.LedgerEntry(cp.get().entryId(),
                        java.time.Instant.ofEpochMilli(rs.getLong(1)), rs.getInt(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** The checkpoint both copies agree on, or empty (then an incremental verify verifies everything). */
    Optional<Checkpoint> trusted(Connection c) throws SQLException {
        var db = stored(c);
        if (db.isEmpty()) {
            return Optional.empty();
        }
        Optional<Checkpoint> onDisk;
        try {
            onDisk = Checkpoint.read(file);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Derby store: verify checkpoint file {} cannot be read ({}); verifying from the first entry", file,
                    e.getMessage());
            return Optional.empty();
        }
        if (onDisk.isEmpty() || !onDisk.get().sameEntry(db.get())) {
            LOG.warn("Derby store: the verify checkpoint in the database ({}) and in {} ({}) disagree; verifying from "
                    + "the first entry", db.get().line().strip(), file, onDisk.map(x -> x.line().strip()).orElse("none"));
            return Optional.empty();
        }
        return db;
    }

    /** Records {@code c} in the database (through the writer's connection, committed) and in the file. */
    void save(StoreConnection writer, Checkpoint c) {
        writer.transaction("saving the verify checkpoint", () -> {
            var up = writer.statement("UPDATE VERIFY_CHECKPOINT SET ENTRY_ID = ?, HASH = ?, VERIFIED_AT = ? WHERE ID = 1");
            up.setLong(1, c.entryId());
            up.setString(2, c.hash());
            up.setLong(3, c.verifiedAtMillis());
            if (up.executeUpdate() == 0) {
                var ins = writer.statement("INSERT INTO VERIFY_CHECKPOINT (ID, ENTRY_ID, HASH, VERIFIED_AT) "
                        + "VALUES (1, ?, ?, ?)");
                ins.setLong(1, c.entryId());
                ins.setString(2, c.hash());
                ins.setLong(3, c.verifiedAtMillis());
                ins.executeUpdate();
            }
            return null;
        });
        try {
            c.write(file);
        } catch (IOException e) {
            LOG.warn("Derby store: could not write the verify checkpoint file {} ({}); the next incremental verify "
                    + "verifies from the first entry", file, e.getMessage());
        }
    }
}
