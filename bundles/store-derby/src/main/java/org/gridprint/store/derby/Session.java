package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.gridprint.api.LedgerEntry;

/**
 * One open database and everything loaded from it: the writer's connection and parts, the flusher's connection, the
 * reader pool, the in-memory state and its two locks. Recovery throws a failed session away and opens a new one
 * (the state is reloaded from the database: the memtable from the WAL).
 *
 * <p>Locks: {@link #memory} guards the unflushed readings and the series' block state (held briefly: the writer
 * classifies under the read side and inserts committed readings under the write side; the flusher freezes and drops
 * frozen runs under the write side; readers copy under the read side; nobody holds it across a long database
 * read). {@link #flushLock}: a flush holds the write side, a verify chunk the read side.
 */
final class Session {

    final Path dir;
    final Clock clock;
    final StoreOptions options;
    final StoreConnection writer;
    final SeriesCatalog catalog;
    final Memtable memtable = new Memtable();
    final BatchLedger ledger;
    final QuarantineTable quarantine;
    final EmissionLedger emissions;
    final Retention retention;
    final Appender appender;
    final Flusher flusher;
    final ReaderPool readers;
    final ReadingQueries queries;
    final OutboxTable outbox;
    final ReadWriteLock memory = new ReentrantReadWriteLock();
    final ReadWriteLock flushLock = new ReentrantReadWriteLock();
    final int schemaVersion;
    final int replayed;
    private volatile LedgerEntry head;

    private Session(Path dir, Clock clock, StoreOptions options, OutboxSettings outboxSettings, StoreConnection writer,
            StoreConnection flusherDb) throws SQLException {
        this.dir = dir;
        this.clock = clock;
        this.options = options;
        this.writer = writer;
        this.schemaVersion = Schema.migrate(writer.connection());
        this.catalog = new SeriesCatalog(writer);
        var blocks = new BlockTable(writer);
        this.quarantine = new QuarantineTable(writer);
        this.ledger = new BatchLedger(writer, clock, catalog, quarantine);
        this.emissions = new EmissionLedger(writer, ledger);
        this.retention = new Retention(writer, catalog, ledger, memory);
        this.outbox = new OutboxTable(writer, outboxSettings);
        this.appender = new Appender(writer, catalog, new BatchClassifier(catalog, blocks), ledger, memtable, memory,
                outbox);
        this.flusher = new Flusher(flusherDb, clock, options, catalog, memtable, memory, flushLock,
                appender::committedBatchId);
        this.readers = new ReaderPool(dir);
        this.queries = new ReadingQueries(catalog, memory);

        catalog.load();
        ledger.load();
        flusher.load();
        blocks.load();
        BlockStateCheck.onOpen(catalog, blocks, dir);
        retention.load();
        outbox.load();
        replayed = ledger.replay(flusher.flushedBatchId(), catalog, memtable);
        writer.commit();
        appender.committedBatchId(ledger.lastBatchId());
        head = ledger.head();
    }

    /** Opens (creating or migrating) the database of {@code dir} and loads the state. */
    static Session open(Path dir, Clock clock, StoreOptions options) throws SQLException {
        return open(dir, clock, options, OutboxSettings.OFF);
    }

    /** As {@link #open(Path, Clock, StoreOptions)}, queueing committed batches in the outbox when it is enabled. */
    static Session open(Path dir, Clock clock, StoreOptions options, OutboxSettings outbox) throws SQLException {
        var writer = StoreConnection.open(dir, options);
        StoreConnection flusherDb = null;
        try {
            flusherDb = StoreConnection.extra(dir);
            return new Session(dir, clock, options, outbox, writer, flusherDb);
        } catch (SQLException | RuntimeException e) {
            if (flusherDb != null) {
                flusherDb.close();
            }
            writer.close();
            throw e;
        }
    }

    /** The newest committed ledger entry, or null. Readable from any thread. */
    LedgerEntry head() {
        return head;
    }

    void head(LedgerEntry entry) {
        head = entry;
    }

    /** The readings stored: in block rows plus unflushed. */
    long storedReadings() {
        memory.readLock().lock();
        try {
            long n = memtable.size();
            for (var s : catalog.all()) {
                n += s.blockReadings;
            }
            return n;
        } finally {
            memory.readLock().unlock();
        }
    }

    /** The verify guard of this session: the read side of the flush lock around each chunk. */
    VerifyChunkGuard verifyGuard() {
        return new VerifyChunkGuard() {
            @Override
            public <T> T run(java.util.concurrent.Callable<T> chunk) throws Exception {
                flushLock.readLock().lock();
                try {
                    return chunk.call();
                } finally {
                    flushLock.readLock().unlock();
                }
            }
        };
    }

    /**
     * Closes everything. After a failure ({@code failed}) the connections are only dropped: the database may be down
     * or shutting down already (the reopen shuts it down first if a plain reopen does not work); else the connections
     * close in order and the writer's connection shuts the database down.
     */
    void close(boolean failed) {
        readers.close();
        if (failed) {
            flusher.connection().drop();
            writer.drop();
        } else {
            flusher.connection().close();
            writer.close();
        }
    }
}
