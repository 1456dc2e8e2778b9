package org.gridprint.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The hash of a ledger entry: lower-case hex SHA-256 of ASCII(previous hash) || UTF-8(header line) || the UTF-8 bytes
 * of every line, the lines sorted by their UTF-8 bytes as unsigned bytes ({@code LC_ALL=C sort}).
 */
public final class EntryHash {

    private static final HexFormat HEX = HexFormat.of();

    private EntryHash() {
    }

    public static String of(String previousHash, EntryHeader header, Collection<String> lines) {
        var b = builder(previousHash, header);
        lines.forEach(b::add);
        return b.finish();
    }

    /** A builder taking lines in any order (kept in memory and sorted at the end). */
    public static Builder builder(String previousHash, EntryHeader header) {
        return new Builder(previousHash, header, false);
    }

    /**
     * A builder taking lines already in canonical order, hashing them as they come (constant memory); a line that
     * sorts before the previous one fails with {@link IllegalStateException} naming both.
     */
    public static Builder sortedBuilder(String previousHash, EntryHeader header) {
        return new Builder(previousHash, header, true);
    }

    /** The canonical order of lines: their UTF-8 bytes compared as unsigned bytes. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Sorts UTF-8 lines into canonical order. */
    public static void sort(List<byte[]> utf8Lines) {
        utf8Lines.sort(Arrays::compareUnsigned);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Builds one entry hash; see {@link #builder} and {@link #sortedBuilder}. Not thread-safe. */
    public static final class Builder {

        private final MessageDigest md = sha256();
        private final EntryHeader header;
        private final boolean streaming;
        private final List<byte[]> pending;
        private byte[] last;
        private int count;
        private boolean finished;

        private Builder(String previousHash, EntryHeader header, boolean streaming) {
            Objects.requireNonNull(header, "header");
            if (!LedgerFormat.isHash(previousHash)) {
                throw new IllegalArgumentException("previous hash of entry " + header.entryId()
                        + " must be 64 lower-case hex digits, was " + previousHash);
            }
            this.header = header;
            this.streaming = streaming;
            this.pending = streaming ? null : new ArrayList<>();
            md.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            md.update(header.line().getBytes(StandardCharsets.UTF_8));
        }

        public Builder add(String line) {
            return add(line.getBytes(StandardCharsets.UTF_8));
        }

        public Builder add(byte[] utf8Line) {
            if (finished) {
                throw new IllegalStateException("entry " + header.entryId() + " hash is already finished");
            }
            count++;
            if (!streaming) {
                pending.add(utf8Line);
                return this;
            }
            if (last != null && Arrays.compareUnsigned(last, utf8Line) > 0) {
                throw new IllegalStateException("entry " + header.entryId() + ": line " + count + " ("
                        + new String(utf8Line, StandardCharsets.UTF_8).strip() + ") sorts before the line before it ("
                        + new String(last, StandardCharsets.UTF_8).strip() + ")");
            }
            md.update(utf8Line);
            last = utf8Line;
            return this;
        }

        /** Lines added so far. */
        public int count() {
            return count;
        }

        /** The hash as 64 lower-case hex digits. */
        public String finish() {
            if (finished) {
                throw new IllegalStateException("entry " + header.entryId() + " hash is already finished");
            }
            finished = true;
            if (!streaming) {
                pending.sort(Arrays::compareUnsigned);
                pending.forEach(md::update);
            }
            return HEX.formatHex(md.digest());
        }
    }
}
