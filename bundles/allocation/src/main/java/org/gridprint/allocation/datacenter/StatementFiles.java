package org.gridprint.allocation.datacenter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.gridprint.api.allocation.StatementFile;

/**
 * Writes a statement and its sha256sum-style sidecar {@code <file>.sha256} ({@code <hex>  <name>}) like the exports:
 * only regular files, an existing one only with {@code force}, each through a temp file in the same directory and an
 * atomic move (statement first, then the sidecar); a failure leaves no temp file.
 */
final class StatementFiles {

    private StatementFiles() {
    }

    static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    static StatementFile write(Path file, String text, boolean force) throws IOException {
        var target = file.toAbsolutePath().normalize();
        var name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\\') >= 0) {
            throw new IOException("statement file name '" + name + "' of " + target + " is empty or holds a line"
                    + " break or backslash; expected a plain file name (it is written into the .sha256 file)");
        }
        var dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write statement " + target + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write statement " + target + ": directory " + dir + " is not writable");
        }
        var side = sidecar(target);
        for (var f : List.of(target, side)) {
            check(f, force);
        }
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        var sha = HexFormat.of().formatHex(sha256().digest(bytes));
        var sideBytes = (sha + "  " + name + "\n").getBytes(StandardCharsets.UTF_8);
        Path t1 = null;
        Path t2 = null;
        try {
            t1 = Files.createTempFile(dir, "." + name + ".", ".tmp");
            Files.write(t1, bytes);
            t2 = Files.createTempFile(dir, "." + side.getFileName() + ".", ".tmp");
            Files.write(t2, sideBytes);
            for (var f : List.of(target, side)) {
                check(f, force); // again: something may have appeared meanwhile
            }
            move(t1, target);
            t1 = null;
            move(t2, side);
            t2 = null;
        } finally {
            if (t1 != null) {
                Files.deleteIfExists(t1);
            }
            if (t2 != null) {
                Files.deleteIfExists(t2);
            }
        }
        return new StatementFile(target, side, sha, bytes.length, 0, 0);
    }

    private static void check(Path file, boolean force) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (a.isRegularFile()) {
            if (!force) {
                throw new IOException("statement file " + file + " already exists; give --force to replace it, or"
                        + " choose another file name");
            }
            return;
        }
        throw new IOException("statement file " + file + " is " + (a.isDirectory() ? "a directory"
                : a.isSymbolicLink() ? "a symbolic link" : "not a regular file (a device, pipe or socket)")
                + "; expected the path of a regular file (statements never write to or replace anything else)");
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
