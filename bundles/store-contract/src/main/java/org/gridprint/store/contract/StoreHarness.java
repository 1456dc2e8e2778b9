package org.gridprint.store.contract;

import java.time.Instant;
import java.util.function.UnaryOperator;

import org.gridprint.api.ReadingKey;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.WindowKey;

/**
 * What a store backend provides so that the contract tests can run against it: opening, reopening and crashing the
 * store, and tampering with its stored rows in the backend's own SQL, as an attacker with database access would.
 *
 * <p>Every tamper operation changes committed rows, then leaves the store open again (a backend that must close
 * the store to change its rows reopens it); tests take the services from {@link #services()} afterwards. Optional
 * operations throw {@link UnsupportedOperationException} with the reason; the test is then skipped.
 */
public interface StoreHarness extends AutoCloseable {

    /** Opens a fresh, empty store (called once per test) and returns its services. */
    StoreServices open() throws Exception;

    /** The services of the store as it is open now. */
    StoreServices services();

    /** Closes the store cleanly and opens it again. */
    StoreServices reopen() throws Exception;

    /**
     * Abandons the store as a crash would (no flush, no clean close, nothing written after the last acknowledged
     * commit) and opens it again.
     */
    StoreServices crashAndReopen() throws Exception;

    /**
     * Moves readings into their long-term form now (Derby: flush the memtable into block rows); tests call it to
     * tamper with readings there too. Default: nothing to do.
     */
    default void settle() throws Exception {
    }

    /** Changes the stored value of the reading under {@code key}, leaving every other byte as it was. */
    void changeReadingValue(ReadingKey key, double newValue) throws Exception;

    /** Changes the stored commit time of entry {@code entryId}. */
    void changeCommitTime(long entryId, long newCommittedAtMillis) throws Exception;

    /** Changes the stored source of entry {@code entryId}. */
    void changeEntrySource(long entryId, String newSource) throws Exception;

    /**
     * Deletes the newest entry and every row that belongs to it (Derby: its BATCH and WAL rows), as someone hiding
     * the last batch would, after the store has anchored that entry in its head log.
     */
    void deleteNewestEntry() throws Exception;

    /** Changes the received value of the quarantined reading under {@code key}. */
    void changeQuarantinedValue(ReadingKey key, double newValue) throws Exception;

    /** Multiplies the stored energy and grams CO2e of the emission record of {@code meterId} starting at {@code start}. */
    void scaleEmission(String meterId, Instant start, double factor) throws Exception;

    /**
     * Optional (backends with block rows): makes the block row holding {@code key} claim a time range that no longer
     * includes the key's timestamp (Derby: FIRST_TS/LAST_TS), leaving its payload as it was.
     */
    default void narrowBlockRange(ReadingKey key) throws Exception {
        throw new UnsupportedOperationException("this backend keeps no block metadata");
    }

    /**
     * Carbon (api 1.2.0): changes the stored current version of the window under {@code key} in the backend's own rows
     * to {@code edit(window)} (same key), as an attacker with database access would: the payload is re-encoded, the
     * row's digest and the window's stored check are left as they were, nothing else changes. Verify must name the
     * window by its key and entry.
     */
    default void editStoredWindow(WindowKey key, UnaryOperator<EmissionWindow> edit) throws Exception {
        throw new UnsupportedOperationException("this backend does not store emission windows yet");
    }

    /**
     * Carbon (api 1.2.0): changes the stored text of the register record with {@code ref}, leaving its digest and
     * everything else as they were. Verify must name the record (register, key, version, ref) and its entry.
     */
    default void editRegisterText(long ref, String newText) throws Exception {
        throw new UnsupportedOperationException("this backend has no record register yet");
    }

    /** A copy of the database as it is now (the head log beside it is not part of the copy). */
    StoreCopy copyDatabase() throws Exception;

    /**
     * Replaces the database by {@code copy} (closing the store cleanly first, which anchors its head), keeping the
     * head log, and opens the store again: the state of someone restoring an older copy.
     */
    void restoreDatabase(StoreCopy copy) throws Exception;

    /** A copy made by {@link #copyDatabase()}; the backend decides what it holds. */
    interface StoreCopy {
    }

    /** Closes the store and releases everything the harness made. */
    @Override
    void close() throws Exception;
}
