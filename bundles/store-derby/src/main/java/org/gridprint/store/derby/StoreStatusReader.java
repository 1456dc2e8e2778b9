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
import org.gridprint.ledger.Checkpoint;

/**
 * Builds {@link org.gridprint.api.store.StoreStatus} for {@code gridprint:store}: the writer's in-memory facts
 * ({@link Facts}), the verify status of the ledger ({@link VerifyStatus}: checkpoint entry, last verify), what a
 * reader connection of the session sees (Derby's version, last flush) and the size of the store directory on disk.
 * The reader runs at READ UNCOMMITTED: it takes no locks, so it never waits for the writer or the flusher nor holds
 * them up; its figures are a live view, not a transaction. While the store is unavailable (no session) the
 * database is not touched at all (the writer thread is reopening it): the status then names the cause.
 */
final class StoreStatusReader {

    private static final String BACKEND = "Apache Derby (embedded)";

    /**
     * What only the store itself knows.
     *
     * @param readings  stored readings (-1 while unavailable)
     * @param walDepth  readings accepted but not yet in block rows (the memtable; -1 while unavailable)
     * @param head      the ledger head (while unavailable: the head when it failed)
     * @param available whether appends are accepted
     * @param lastError the condition that made the store unavailable, or the last one that cleared
     */
    record Facts(long readings, long walDepth, Optional<LedgerEntry> head, boolean available,
            Optional<String> lastError) {
    }

    private record Seen(String backend, long series, Optional<Instant> lastFlush) {
    }

    private StoreStatusReader() {
    }

    /** {@code session} null = unavailable: nothing is read from the database. */
    static StoreStatus read(Path storeDir, Facts facts, Session session, VerifyStatus verify) {
        var seen = new Seen(BACKEND, -1, Optional.empty());
        var lastError = facts.lastError();
        if (session != null) {
            try {
                seen = session.readers.read("reading the store's status", db -> {
                    var c = db.connection();
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                    try {
                        return new Seen(backendName(c), seriesCount(c), lastFlush(c));
                    } finally {
                        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    }
                });
            } catch (RuntimeException e) {
                if (lastError.isEmpty()) {
                    lastError = Optional.of("reading the store's status: " + e.getMessage());
                }
            }
        }
        // after a restart this instance has not verified yet: the checkpoint file says when the last verify was
        Optional<Checkpoint> file;
        try {
            file = Checkpoint.read(storeDir.resolve(Checkpoint.FILE_NAME));
        } catch (IOException | RuntimeException e) {
            file = Optional.empty();
        }
        var claim = file;
        Optional<Instant> lastVerifyAt = verify.lastVerify().or(() -> claim.map(Checkpoint::verifiedAt));
        Optional<Boolean> lastVerifyIntact = verify.lastVerifyIntact()
                .or(() -> claim.isPresent() ? Optional.of(true) : Optional.empty());
        return new StoreStatus(seen.backend(), storeDir.toString(), facts.available(), lastError,
                bytesOnDisk(storeDir), facts.readings(), seen.series(), facts.walDepth(), seen.lastFlush(),
                facts.head(), verify.checkpoint(), lastVerifyAt, lastVerifyIntact);
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
