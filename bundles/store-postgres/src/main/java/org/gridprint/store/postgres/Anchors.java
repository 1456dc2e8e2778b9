package org.gridprint.store.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport.Finding;
import org.gridprint.ledger.Checkpoint;
import org.gridprint.ledger.HeadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's files outside the database, in the anchor directory: the head log ({@code ledger-head.log}) and the
 * verify checkpoint file ({@code verify-checkpoint}). A failure to write the head log is logged once when it starts
 * and once when it clears.
 */
final class Anchors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Anchors.class);

    private final Path directory;
    private final HeadLog headLog;
    private final Path checkpointFile;
    private boolean failing;

    private Anchors(Path directory, HeadLog headLog) {
        this.directory = directory;
        this.headLog = headLog;
        this.checkpointFile = directory.resolve(Checkpoint.FILE_NAME);
    }

    static Anchors open(Path directory, Clock clock) {
        try {
            Files.createDirectories(directory);
            var log = HeadLog.open(directory.resolve(HeadLog.FILE_NAME), clock);
            log.repairedTail().ifPresent(t -> LOG.warn("head log {}: cut a last line without LF (a write torn by a "
                    + "crash): {}", log.file(), t.strip()));
            return new Anchors(directory, log);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL store (PID " + PostgresStore.PID + "): cannot open the head "
                    + "log in the anchor directory " + directory + ": " + e.getMessage()
                    + " (expected a writable local directory; field anchorDirectory)", e);
        }
    }

    Path directory() {
        return directory;
    }

    Path headLogFile() {
        return headLog.file();
    }

    /** Appends the head to the head log; false (logged once) when it cannot be written. */
    synchronized boolean anchor(LedgerEntry head) {
        try {
            headLog.append(head.batchId(), head.hash());
            if (failing) {
                failing = false;
                LOG.info("head log {} is written again (entry {})", headLog.file(), head.batchId());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.error("head log {} cannot be written, the head is not anchored outside the database until it "
                        + "can: {}", headLog.file(), e.getMessage());
            }
            return false;
        }
    }

    synchronized Optional<org.gridprint.ledger.Anchor> last() {
        return headLog.last();
    }

    /**
     * Every anchor (full) or the newest (incremental) against the entries stored now. The head is read inside the
     * lock that {@link #anchor} takes, so no anchor of an entry committed after it can be seen: verify, which reads
     * its rows from an older snapshot, never mistakes a fresh anchor for a truncated ledger.
     */
    synchronized List<Finding> check(boolean full, LongSupplier storedHeadId,
            LongFunction<Optional<String>> storedHashOf) throws IOException {
        long head = storedHeadId.getAsLong();
        return full ? headLog.check(head, storedHashOf) : headLog.checkLast(head, storedHashOf);
    }

    /** The checkpoint file; empty when absent or unreadable (then an incremental verify runs in full). */
    synchronized Optional<Checkpoint> readCheckpoint() {
        try {
            return Checkpoint.read(checkpointFile);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("verify checkpoint file {} is unreadable, the next incremental verify runs in full: {}",
                    checkpointFile, e.getMessage());
            return Optional.empty();
        }
    }

    synchronized void writeCheckpoint(Checkpoint c) {
        try {
            c.write(checkpointFile);
        } catch (IOException e) {
            LOG.error("verify checkpoint file {} cannot be written (the next incremental verify runs in full): {}",
                    checkpointFile, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            headLog.close();
        } catch (IOException e) {
            LOG.warn("head log {} did not close cleanly: {}", headLog.file(), e.getMessage());
        }
    }
}
