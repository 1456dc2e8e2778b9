package org.gridprint.export.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where an export may write: a regular file path in an existing, writable directory. An existing device node
 * ({@code /dev/full}), directory, FIFO, socket or symbolic link at the target (or at its {@code .sha256} or
 * {@code .manifest.json}) is refused, naming the path and what it is; an existing regular file only when
 * {@code force} is not given. Checked before anything is written and again just before the files are moved into
 * place.
 */
final class ExportTarget {

    private ExportTarget() {
    }

    /**
     * @param target absolute, normalised path of the CSV
     * @throws IOException naming the path and what is wrong with it
     */
    static void check(Path target, boolean force) throws IOException {
        var name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\\') >= 0) {
            throw new IOException("export file name '" + name + "' of " + target + " is empty or holds a line break or"
                    + " backslash; expected a plain file name (it is written into the .sha256 file)");
        }
        var dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write export " + target + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write export " + target + ": directory " + dir + " is not writable");
        }
        for (var file : List.of(target, CsvExporter.sidecar(target), CsvExporter.manifest(target))) {
            checkFile(file, target, force);
        }
    }

    private static void checkFile(Path file, Path target, boolean force) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // a new file: fine
        }
        var role = file.equals(target) ? "export target " : "export file " + file.getFileName() + " of " + target + ": ";
        if (attributes.isRegularFile()) {
            if (!force) {
                throw new IOException(role + file + " already exists; give --force (ExportRequest.force) to replace"
                        + " it, or choose another file name");
            }
            if (!Files.isWritable(file)) {
                throw new IOException(role + file + " exists and is not writable");
            }
            return;
        }
        throw new IOException(role + file + " is " + kind(file, attributes) + "; expected the path of a regular file"
                + " (exports never write to or replace anything else" + (attributes.isSymbolicLink()
                        ? ", not even through a link: give the path the link points to" : "") + ")");
    }

    /** What a non-regular file is, in words: "a directory", "a character device", "a symbolic link to x", ... */
    static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            try {
                return "a symbolic link to " + Files.readSymbolicLink(file);
            } catch (IOException | UnsupportedOperationException e) {
                return "a symbolic link";
            }
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            var mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch (mode & 0170000) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file (a device, pipe or socket)";
        }
    }
}
