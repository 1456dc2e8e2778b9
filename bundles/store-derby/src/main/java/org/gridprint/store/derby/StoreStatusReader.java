package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.StoreStatus;

/**
 * Builds {@link org.gridprint.api.store.StoreStatus} for {@code gridprint:store}: the writer's in-memory facts
 * ({@link Facts}) plus what a reader connection of its own sees (Derby's version, series, last flush, the
 * checkpointed entry) and the size of the store directory on disk. The reader runs at READ UNCOMMITTED: it takes no
 * locks, so it never waits for the writer nor holds it up; its figures are a live view, not a transaction.
 */
final class StoreStatusReader {

    /**
     * What only the store itself knows.
     *
     * @param readings  stored readings
     * @param walDepth  readings accepted but not yet in block rows (the memtable)
     * @param head      the ledger head
     * @param available whether appends are accepted
     * @param lastError the condition that made the store unavailable, or the last one that cleared
     */
    record Facts(long readings, long walDepth, Optional<LedgerEntry> head, boolean available,
            Optional<String> lastError) {
    }

    private StoreStatusReader() {
    }

    static StoreStatus read(Path storeDir, Facts facts, LastVerify lastVerify) {
        String backend = "Apache Derby (embedded)";
        long series = -1;
        Optional<Instant> lastFlush = Optional.empty();
        Optional<LedgerEntry> checkpoint = Optional.empty();
        var lastError = facts.lastError();
        var claim = CheckpointFile.read(storeDir);
        try (var c = ReaderConnection.open(storeDir, Connection.TRANSACTION_READ_UNCOMMITTED)) {
            backend = backendName(c);
            series = seriesCount(c);
            lastFlush = lastFlush(c);
            if (claim.isPresent()) {
                checkpoint = entry(c, claim.get().entryId()).filter(e -> e.hash().equals(claim.get().hash()));
            }
        } catch (SQLException | RuntimeException e) {
            if (lastError.isEmpty()) {
                lastError = Optional.of("reading the store's status: " + e.getMessage());
            }
        }
        var verified = lastVerify.last();
        Optional<Instant> lastVerifyAt = verified.map(LastVerify.Outcome::at)
                .or(() -> claim.flatMap(CheckpointFile.Claim::verifiedAt));
        Optional<Boolean> lastVerifyIntact = verified.map(LastVerify.Outcome::intact)
                .or(() -> claim.isPresent() ? Optional.of(true) : Optional.empty());
        return new StoreStatus(backend, storeDir.toString(), facts.available(), lastError, bytesOnDisk(storeDir),
                facts.readings(), series, facts.walDepth(), lastFlush, facts.head(), checkpoint, lastVerifyAt,
                lastVerifyIntact);
    }

    /** "Apache Derby 10.16.1.1 (embedded)". */
    static String backendName(Connection c) throws SQLException {
        var version = c.getMetaData().getDatabaseProductVersion();
        int cut = version.indexOf(" - ");
        return "Apache Derby " + (cut > 0 ? version.substring(0, cut) : version).strip() + " (embedded)";
    }

    private static long seriesCount(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM SERIES")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<Instant> lastFlush(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT FLUSHED_AT FROM FLUSH ORDER BY FLUSH_NO DESC FETCH FIRST 1 ROWS ONLY")) {
            return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
        }
    }

    /** The BATCH row {@code batchId} as a ledger entry. */
    static Optional<LedgerEntry> entry(Connection c, long batchId) throws SQLException {
        try (var ps = c.prepareStatement(
                "SELECT BATCH_ID, COMMITTED_AT, READING_COUNT, PREV_HASH, HASH FROM BATCH WHERE BATCH_ID = ?")) {
            ps.setLong(1, batchId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entryOf(rs)) : Optional.empty();
            }
        }
    }

    /** The newest BATCH row as a ledger entry. */
    static Optional<LedgerEntry> head(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT BATCH_ID, COMMITTED_AT, READING_COUNT, "
                + "PREV_HASH, HASH FROM BATCH ORDER BY BATCH_ID DESC FETCH FIRST 1 ROWS ONLY")) {
            return rs.next() ? Optional.of(entryOf(rs)) : Optional.empty();
        }
    }

    private static LedgerEntry entryOf(ResultSet rs) throws SQLException {
        return new LedgerEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3), rs.getString(4),
                rs.getString(5));
    }

    /** The size of every regular file under {@code dir}; files that vanish during the walk (Derby logs) are skipped. */
    static long bytesOnDisk(Path dir) {
        long[] total = { 0 };
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return -1;
        }
        return total[0];
    }
}
