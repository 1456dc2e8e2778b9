package org.gridprint.export.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.export.ExportResult;
import org.gridprint.api.store.LedgerService;

/**
 * The skeleton every CSV export of this bundle shares: the export runs on a thread of its own with its
 * {@link ExportProgress} ({@link #run}); the ledger head is read before the data ({@link #snapshot}); rows are
 * streamed from a store's scan, which ends at the first row after a cancel ({@link #stream}); the manifest begins
 * with the same fields in every format ({@link #manifest}). The target checks, temp file, sha256 sidecar and the move
 * into place are {@link ExportTarget} and {@link ExportFiles}.
 */
final class StreamingExport {

    private StreamingExport() {
    }

    /** An export's work on its own thread, given the normalised target and its progress. */
    @FunctionalInterface
    interface Body {
        ExportResult run(Path target, ExportProgress progress) throws IOException;
    }

    /** A store's scan handing each item to {@code sink} until it returns false. */
    @FunctionalInterface
    interface Scan<T> {
        void run(Predicate<T> sink);
    }

    /** The cells of an item's row. */
    @FunctionalInterface
    interface Row<T> {
        List<String> cells(T item);
    }

    /** The ledger head read before the data (every row is behind it) and when the export was generated. */
    record Snapshot(Optional<LedgerEntry> head, Instant generatedAt) {
    }

    /**
     * Runs {@code body} on the export's own thread with the absolute target and a progress reporting to the
     * request's listener; cancelled by interrupting the caller (see {@link ExportThread}).
     */
    static ExportResult run(ExportRequest request, Body body) throws IOException {
        var target = request.target().toAbsolutePath().normalize();
        var progress = new ExportProgress(target, request.listener(), System::nanoTime);
        return ExportThread.run(progress, () -> body.run(target, progress));
    }

    /** Unless cancelled: the ledger head now (before the data is read) and the generation time. */
    static Snapshot snapshot(ExportProgress progress, LedgerService ledger, Clock clock) {
        progress.checkCancelled();
        var head = ledger.head();
        return new Snapshot(head, clock.instant());
    }

    /**
     * Writes one row per scanned item to {@code out}, counting each in {@code progress}; the scan ends at the first
     * item after a cancel (then {@link ExportProgress#checkCancelled()} throws). A write failure ends the scan and is
     * thrown as the IOException it is.
     */
    static <T> void stream(Writer out, ExportProgress progress, Scan<T> scan, Row<T> row) throws IOException {
        try {
            scan.run(item -> {
                if (progress.cancelled()) {
                    return false; // cancelled: the scan ends, checkCancelled below throws
                }
                try {
                    Csv.writeRow(out, row.cells(item));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                progress.row();
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        progress.checkCancelled();
    }

    /**
     * The manifest's fields every format has, in order: format and its version, file, sha256, bytes, rows, encoding
     * (UTF-8), line end (CRLF), columns, the period with its rule, the meter patterns and meters, when and by which
     * Gridprint it was generated, the ledger head. The caller appends its own fields.
     */
    static LinkedHashMap<String, Object> manifest(String format, int formatVersion, List<String> columns,
            String periodRule, Path target, String sha256, long bytes, long rows, ExportRequest request, Object meters,
            Snapshot snapshot, String version) {
        var m = new LinkedHashMap<String, Object>();
        m.put("format", format);
        m.put("format_version", formatVersion);
        m.put("file", target.getFileName().toString());
        m.put("sha256", sha256);
        m.put("bytes", bytes);
        m.put("rows", rows);
        m.put("encoding", "UTF-8");
        m.put("line_end", "CRLF");
        m.put("columns", columns);
        var period = new LinkedHashMap<String, Object>();
        period.put("from", Numbers.time(request.from()));
        period.put("to", Numbers.time(request.to()));
        period.put("rule", periodRule);
        m.put("period", period);
        m.put("meter_patterns", request.meterPatterns());
        m.put("meters", meters);
        m.put("generated_at", Numbers.time(snapshot.generatedAt()));
        m.put("generator", "Gridprint " + version);
        m.put("ledger_head", ManifestJson.ledgerHead(snapshot.head()));
        return m;
    }
}
