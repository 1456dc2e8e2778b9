package org.gridprint.export.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-file writes that never leave a half-written target: a temp file in the same directory, fsync, atomic move.
 * Staging and moving are separate steps so that several files can be written first and moved together.
 */
final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * A file written completely to a temp file {@code .<name>.<random>.tmp} next to its target and fsynced, not yet
     * in place: {@link #move} puts it onto the target (atomically where the file system can), {@link #discard}
     * deletes it.
     */
    record Staged(Path temp, Path target) {

        /** Deletes the temp file if it is still there; problems are added to {@code failure}. */
        void discard(Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Writes {@code body} to a new temp file next to {@code target} and fsyncs it; on failure nothing is left. */
    static Staged stage(Path target, Body body) throws IOException {
        var dir = target.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write export " + target + ": no permission to create files in " + dir, e);
        }
        var staged = new Staged(tmp, target);
        try {
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    var out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                body.write(out);
                out.flush();
                channel.force(true);
            }
            return staged;
        } catch (IOException | RuntimeException | Error e) {
            staged.discard(e);
            throw e;
        }
    }

    static Staged stage(Path target, String text) throws IOException {
        return stage(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("file system of {} cannot rename atomically; replacing it non-atomically", target);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable where the platform allows it (Linux); elsewhere a no-op. */
    static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("directory {} not synced: {}", dir, e.toString());
        }
    }

    /** A new SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
