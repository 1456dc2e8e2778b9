package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.gridprint.api.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An online, consistent backup of a running store ({@code gridprint:backup}), on a reader connection of its own so
 * that ingest goes on and an interrupted backup cannot touch the writer.
 *
 * <ol>
 * <li>The target must not exist, or be an empty directory, and must not lie inside the store directory.</li>
 * <li>Everything is written into a hidden staging directory beside the target, which is renamed to the target at the
 * end; a failed or interrupted backup deletes it, so no partial backup is ever left under the target name.</li>
 * <li>The head log and verify checkpoint are copied <em>before</em> the database: every anchor they hold was
 * committed before they were written, so the copied database (consistent as of the end of its copy) holds every
 * entry they name, and the restored copy's head log never claims more than its database.</li>
 * <li>{@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE} copies the database while transactions go on.</li>
 * <li>The copy is booted once (read-only queries, then shut down) to read its head and reading count into
 * {@value StoreFiles#BACKUP_MANIFEST}: a copy that does not open fails the backup.</li>
 * </ol>
 */
final class StoreBackup {

    private static final Logger LOG = LoggerFactory.getLogger(StoreBackup.class);

    private StoreBackup() {
    }

    /** Backs up the open store in {@code storeDir} into {@code target}; returns the target's absolute path. */
    static Path run(Path storeDir, Path target, Clock clock) throws IOException {
        var store = storeDir.toAbsolutePath().normalize();
        var dest = target.toAbsolutePath().normalize();
        refuseUnusable(store, dest);
        var parent = dest.getParent();
        Files.createDirectories(parent);
        var staging = parent.resolve("." + dest.getFileName() + ".partial-" + clock.millis());
        Files.createDirectory(staging);
        long t0 = System.nanoTime();
        try {
            var files = new ArrayList<String>();
            files.add(StoreFiles.DATABASE + "/");
            for (var name : new String[] { StoreFiles.HEAD_LOG, StoreFiles.VERIFY_CHECKPOINT }) {
                if (copyIfPresent(store.resolve(name), staging.resolve(name))) {
                    files.add(name);
                }
            }
            String backend;
            try (var c = ReaderConnection.open(store, Connection.TRANSACTION_READ_COMMITTED, false);
                    var call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                backend = StoreStatusReader.backendName(c);
                call.setString(1, staging.toString());
                call.execute();
            } catch (SQLException e) {
                throw new IOException("backup of Derby store " + store + " into " + dest + " failed: "
                        + e.getMessage(), e);
            }
            var copied = inspectCopy(staging, dest);
            var manifest = new BackupManifest(clock.instant().truncatedTo(ChronoUnit.MILLIS), backend, store.toString(), copied.head(),
                    copied.readings(), files, Duration.ofNanos(System.nanoTime() - t0));
            Files.writeString(staging.resolve(StoreFiles.BACKUP_MANIFEST), manifest.text(), StandardCharsets.UTF_8);
            moveIntoPlace(staging, dest);
            LOG.info("Derby store {} backed up into {}: ledger head {}, {} readings, {} ms", store, dest,
                    copied.head().map(h -> h.batchId() + " " + h.hash()).orElse("none"), copied.readings(),
                    manifest.took().toMillis());
            return dest;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    private static void refuseUnusable(Path store, Path dest) throws IOException {
        if (dest.startsWith(store)) {
            throw new IllegalArgumentException("backup target " + dest + " is inside the store directory " + store
                    + "; choose a directory outside it");
        }
        if (store.startsWith(dest)) {
            throw new IllegalArgumentException("backup target " + dest + " contains the store directory " + store
                    + "; choose a new, empty directory");
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(dest.toString(), null,
                        "backup target exists and is not a directory; expected a new or empty directory");
            }
            try (var entries = Files.list(dest)) {
                if (entries.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(dest + ": backup target exists and is not empty; "
                            + "expected a new or empty directory (nothing was written)");
                }
            }
        }
    }

    private static boolean copyIfPresent(Path from, Path to) throws IOException {
        try {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    record Copied(Optional<LedgerEntry> head, long readings) {
    }

    /** Boots the copy in {@code staging}, reads its head and reading count, and shuts it down. */
    private static Copied inspectCopy(Path staging, Path dest) throws IOException {
        var url = DerbyEngine.url(staging);
        try {
            try (var c = new EmbeddedDriver().connect(url, new Properties())) {
                if (c == null) {
                    throw new SQLException("no Derby connection for " + url);
                }
                c.setReadOnly(true);
                return new Copied(StoreStatusReader.head(c), readings(c));
            } finally {
                shutdown(url);
            }
        } catch (SQLException e) {
            throw new IOException("the backup copy for " + dest + " does not open: " + e.getMessage(), e);
        }
    }

    /**
     * Readings in the copy, counted from the tables, not from a byte layout: the block readings of every series
     * (SERIES.BLOCK_READINGS, kept by the flusher and the retention) plus the readings of the READINGS entries after
     * the flush watermark (BATCH.READING_COUNT; their readings are in the write-ahead log), the same figure the
     * store's {@code readingCount()} gives after opening the copy.
     */
    private static long readings(Connection c) throws SQLException {
        try (var st = c.createStatement();
                var blocks = st.executeQuery("SELECT COALESCE(SUM(BLOCK_READINGS), 0) FROM SERIES")) {
            blocks.next();
            long n = blocks.getLong(1);
            try (var wal = st.executeQuery("SELECT COALESCE(SUM(CAST(b.READING_COUNT AS BIGINT)), 0) FROM BATCH b, "
                    + "STORE_STATE s WHERE s.ID = 1 AND b.BATCH_ID > s.FLUSHED_BATCH_ID AND b.KIND = 'READINGS'")) {
                wal.next();
                return n + wal.getLong(1);
            }
        }
    }

    private static void shutdown(String url) {
        try {
            new EmbeddedDriver().connect(url + ";shutdown=true", new Properties());
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                LOG.warn("Derby backup copy {} did not shut down cleanly: {}", url, e.getMessage());
            }
        }
    }

    /** Renames the finished staging directory to the target (replacing it if it is an empty directory). */
    private static void moveIntoPlace(Path staging, Path dest) throws IOException {
        if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(dest); // empty (checked before); fails if something appeared in it meanwhile
        }
        Files.move(staging, dest, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete the unfinished backup {}: {}", dir, e.getMessage());
        }
    }
}
