package org.gridprint.bench;

import java.nio.file.Path;
import java.util.List;

import org.gridprint.api.IngestService;

/** One store under load: how the bench submits to it, reads from it beside the load, and measures it. */
interface BenchTarget extends AutoCloseable {

    /** e.g. "Derby store", with what is special about it. */
    String name();

    /** IngestServiceImpl (validation, outcome merge; no EventAdmin) in front of the store. */
    IngestService ingest();

    /**
     * Stores a year of hourly emission records for these meters (what the export phase exports); returns how many,
     * or -1 when the store has no emission table (the export is then a stand-in, see {@link #readerNote}).
     */
    default long prefillEmissions(List<String> meterIds) {
        return -1;
    }

    /** One full verify on the reader side; returns what it found, in one line. */
    String verifyOnce() throws Exception;

    /** One export of the whole year of data into a new file under {@code dir} (deleted afterwards); one line. */
    String exportOnce(Path dir) throws Exception;

    /** What the verify and export phases really run, when it is a stand-in; empty otherwise. */
    default String readerNote() {
        return "";
    }

    /** Bytes handed to write(2) so far by whoever writes this store's files (see {@link ProcIo}); -1 if unknown. */
    long bytesWritten();

    /** Bytes of write-ahead log written so far, -1 if the store does not say. */
    default long walBytes() {
        return -1;
    }

    /** Durable commits (log flushes) so far, -1 if the store does not count them. */
    long durableCommits();

    /** How {@link #durableCommits} is counted, or why it is not. */
    String commitsHow();

    /** Forces the store's dirty pages to disk now (a checkpoint), so a phase's writes are all counted. */
    void checkpoint() throws Exception;

    /** Bytes the store occupies on disk. */
    long sizeOnDisk() throws Exception;

    @Override
    void close() throws Exception;
}
