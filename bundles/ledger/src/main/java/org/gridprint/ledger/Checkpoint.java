package org.gridprint.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The last verified ledger entry: an incremental verify starts after it. Each backend keeps it in its own database
 * and in the file {@code <store dir>/verify-checkpoint} (one line {@code <entryId> <hash> <epoch millis verified>});
 * an incremental verify trusts it only when both agree and the stored entry at that id still has that hash.
 */
public record Checkpoint(long entryId, String hash, long verifiedAtMillis) {

    /** The usual file name beside a store's database. */
    public static final String FILE_NAME = "verify-checkpoint";

    public Checkpoint {
        if (entryId < 1) {
            throw new IllegalArgumentException("checkpoint entry id must be >= 1, was " + entryId);
        }
        if (!LedgerFormat.isHash(hash)) {
            throw new IllegalArgumentException("checkpoint hash of entry " + entryId
                    + " must be 64 lower-case hex digits, was " + hash);
        }
    }

    public Instant verifiedAt() {
        return Instant.ofEpochMilli(verifiedAtMillis);
    }

    /** Whether both name the same entry with the same hash (the time may differ). */
    public boolean sameEntry(Checkpoint other) {
        return other != null && entryId == other.entryId && hash.equals(other.hash);
    }

    public String line() {
        return entryId + " " + hash + " " + verifiedAtMillis + "\n";
    }

    /** Parses {@link #line()}; an IllegalArgumentException names what is wrong. */
    public static Checkpoint parse(String line) {
        var f = line.strip().split(" ", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException("verify checkpoint must be '<entryId> <hash> <epoch millis>', was: "
                    + (line.length() > 120 ? line.substring(0, 120) + "..." : line.strip()));
        }
        try {
            return new Checkpoint(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("verify checkpoint entry id and time must be decimal integers, was: "
                    + line.strip(), e);
        }
    }

    /** Reads the checkpoint file; empty when it does not exist; an IllegalArgumentException when it does not parse. */
    public static Optional<Checkpoint> read(Path file) throws IOException {
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the checkpoint file atomically (a temporary file forced to disk, then moved over it). */
    public void write(Path file) throws IOException {
        var tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(line().getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
