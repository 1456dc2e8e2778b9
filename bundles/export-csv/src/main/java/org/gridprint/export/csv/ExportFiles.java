package org.gridprint.export.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the three files of an export, CSV, {@code .sha256} and {@code .manifest.json}, so that they appear together
 * or not at all: each is staged to a temp file {@code .<name>.<random>.tmp} in the target's directory and fsynced
 * (the SHA-256 is taken of the CSV bytes as they are written), the target is checked again, and only then are the
 * three moved into place, CSV, sidecar, manifest. A failure or a cancellation (the thread interrupted) deletes the
 * temp files, and if the CSV had already been moved, the three files at the target (they could not be trusted to
 * belong together). Exports to one target path are serialised in this JVM.
 */
final class ExportFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ExportFiles.class);

    /**
     * One lock per target path (absolute, normalised): exports to the same file run one after the other, so their
     * CSV, sidecar and manifest are never interleaved. In this JVM only; entries are kept (one per target used).
     */
    private static final Map<Path, ReentrantLock> TARGET_LOCKS = new ConcurrentHashMap<>();

    /** Writes the data rows after the header; checks {@link ExportProgress#checkCancelled()} between rows. */
    @FunctionalInterface
    interface Rows {
        void write(Writer out) throws IOException;
    }

    /** The manifest's content, once the CSV's hash and size are known. */
    @FunctionalInterface
    interface Manifest {
        Map<String, Object> content(String sha256, long bytes);
    }

    @FunctionalInterface
    interface Mover {
        void move(Path temp, Path target) throws IOException;
    }

    private ExportFiles() {
    }

    /**
     * @return the SHA-256 of the CSV written
     * @throws CancellationException when the export was cancelled (or its thread interrupted): nothing is left under
     *                               the target name (an existing file there, with --force, is left as it was) and
     *                               no temp file
     */
    static String write(Path target, boolean force, List<String> header, Rows rows, Manifest manifest,
            ExportProgress progress, Mover mover) throws IOException {
        var lock = TARGET_LOCKS.computeIfAbsent(target, t -> new ReentrantLock());
        try {
            while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                progress.checkCancelled(); // another export to this path is running: wait, unless cancelled
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(target, progress, e);
        }
        try {
            return writeLocked(target, force, header, rows, manifest, progress, mover);
        } finally {
            lock.unlock();
        }
    }

    private static String writeLocked(Path target, boolean force, List<String> header, Rows rows, Manifest manifest,
            ExportProgress progress, Mover mover) throws IOException {
        var digest = AtomicFiles.sha256();
        var staged = new ArrayList<AtomicFiles.Staged>(3);
        var moved = false;
        try {
            var csv = AtomicFiles.stage(target, out -> {
                var writer = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(out, digest),
                        StandardCharsets.UTF_8), 1 << 16);
                Csv.writeRow(writer, header);
                rows.write(writer);
                progress.checkCancelled();
                writer.flush();
            });
            staged.add(csv);
            var sha256 = HexFormat.of().formatHex(digest.digest());
            staged.add(AtomicFiles.stage(CsvExporter.sidecar(target), sha256 + "  " + target.getFileName() + "\n"));
            staged.add(AtomicFiles.stage(CsvExporter.manifest(target),
                    ManifestJson.write(manifest.content(sha256, Files.size(csv.temp())))));
            ExportTarget.check(target, force); // again: something may have appeared there while the rows were read
            if (!progress.beginCommit()) { // from here on the export is no longer cancelled: it finishes
                throw progress.cancellation();
            }
            for (var file : staged) {
                mover.move(file.temp(), file.target());
                moved = true;
            }
            AtomicFiles.syncDirectory(target.getParent());
            return sha256;
        } catch (IOException | RuntimeException | Error e) {
            for (var file : staged) {
                file.discard(e);
            }
            if (moved) {
                removeTargetFiles(target, e);
            }
            if (e instanceof CancellationException c) {
                LOG.info("export to {} cancelled after {} rows of {} meters; temp files removed", target,
                        progress.rows(), progress.metersDone());
                throw c;
            }
            if (Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException
                    || e instanceof InterruptedIOException) {
                throw cancelled(target, progress, e);
            }
            throw e;
        }
    }

    private static CancellationException cancelled(Path target, ExportProgress progress, Throwable cause) {
        var e = progress.cancellation();
        if (cause != e) {
            e.initCause(cause);
        }
        LOG.info("export to {} cancelled after {} rows of {} meters; temp files removed", target, progress.rows(),
                progress.metersDone());
        return e;
    }

    /** After a failure once the CSV was in place: none of the three files can be trusted to belong together. */
    private static void removeTargetFiles(Path target, Throwable failure) {
        for (var file : List.of(target, CsvExporter.sidecar(target), CsvExporter.manifest(target))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        LOG.error("export to {} failed after the CSV was moved into place; removed {}, its .sha256 and manifest",
                target, target.getFileName());
    }
}
