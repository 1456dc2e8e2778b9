package org.gridprint.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import org.gridprint.api.store.VerificationReport.Finding;

/**
 * The head anchor outside the database: an append-only text file beside it ({@code <store dir>/ledger-head.log}),
 * one line per anchor, {@code <entryId> <hash> <epoch millis written>}. Each {@link #append} writes one whole line
 * and forces it to disk. Deleting the newest entries, or restoring an older copy of the database, leaves an anchor
 * the database no longer holds: {@link #check} names it. Thread-safe.
 */
public final class HeadLog implements AutoCloseable {

    /** The usual file name beside a store's database. */
    public static final String FILE_NAME = "ledger-head.log";

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final Optional<String> repairedTail;
    private long lines;
    private Anchor last;

    private HeadLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.repairedTail = cutTornTail();
        try (var s = anchors()) {
            s.forEach(a -> last = a);
        }
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().count();
        }
    }

    /** Opens (creating when absent) the head log {@code file}. */
    public static HeadLog open(Path file) throws IOException {
        return open(file, Clock.systemUTC());
    }

    public static HeadLog open(Path file, Clock clock) throws IOException {
        return new HeadLog(file, clock);
    }

    public Path file() {
        return file;
    }

    /**
     * A last line without its LF (a write torn by a crash) is cut off when the log is opened, since no anchor was
     * completed by it; this says what was cut, for the store to log.
     */
    public Optional<String> repairedTail() {
        return repairedTail;
    }

    private Optional<String> cutTornTail() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return Optional.empty();
        }
        long pos = size;
        var one = ByteBuffer.allocate(1);
        while (pos > 0) {
            one.clear();
            channel.read(one, pos - 1);
            if (one.get(0) == '\n') {
                break;
            }
            pos--;
        }
        if (pos == size) {
            return Optional.empty();
        }
        var tail = ByteBuffer.allocate((int) Math.min(size - pos, 200));
        channel.read(tail, pos);
        channel.truncate(pos);
        channel.force(true);
        return Optional.of(new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8));
    }

    /** Anchors entry {@code entryId} with {@code hash}: appends one line and forces it to disk. */
    public synchronized Anchor append(long entryId, String hash) throws IOException {
        if (!LedgerFormat.isHash(hash)) {
            throw new IllegalArgumentException("head log " + file + ": hash of entry " + entryId
                    + " must be 64 lower-case hex digits, was " + hash);
        }
        var a = new Anchor(lines + 1, entryId, hash, clock.millis());
        var bytes = ByteBuffer.wrap(a.line().getBytes(StandardCharsets.US_ASCII));
        long pos = channel.size();
        while (bytes.hasRemaining()) {
            pos += channel.write(bytes, pos);
        }
        channel.force(true);
        lines++;
        last = a;
        return a;
    }

    /** The newest anchor, empty when none. */
    public synchronized Optional<Anchor> last() {
        return Optional.ofNullable(last);
    }

    /** The anchors in file order (lines that do not parse are left out; {@link #check} names them). Close it. */
    public Stream<Anchor> anchors() throws IOException {
        var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        var numbers = new long[] {0};
        return reader.lines().map(l -> parse(++numbers[0], l)).filter(p -> p instanceof Parsed.Ok)
                .map(p -> ((Parsed.Ok) p).anchor()).onClose(() -> close(reader));
    }

    private static void close(BufferedReader r) {
        try {
            r.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks every anchor against the stored ledger (full verify): an anchor above the stored head means the ledger
     * was truncated or restored from an older copy; an anchor whose hash differs from the stored entry's means the
     * entry was rewritten; a line that does not parse is named by its line number.
     *
     * @param storedHeadId the stored head entry id (0 when empty)
     * @param storedHashOf the stored hash of an entry id, empty when the store has no such entry
     */
    public List<Finding> check(long storedHeadId, LongFunction<Optional<String>> storedHashOf) throws IOException {
        var findings = new ArrayList<Finding>();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long n = 0;
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                var p = parse(n, line);
                if (p instanceof Parsed.Ok ok) {
                    checkOne(ok.anchor(), storedHeadId, storedHashOf, findings);
                } else if (p instanceof Parsed.Bad bad) {
                    findings.add(new Finding(0, Optional.of("head log " + file.getFileName() + " line " + n),
                            "head log line does not parse (" + bad.problem() + "): " + shorten(line)));
                }
            }
        }
        return findings;
    }

    /** Checks the newest anchor only (incremental verify). */
    public List<Finding> checkLast(long storedHeadId, LongFunction<Optional<String>> storedHashOf) {
        var findings = new ArrayList<Finding>();
        last().ifPresent(a -> checkOne(a, storedHeadId, storedHashOf, findings));
        return findings;
    }

    private void checkOne(Anchor a, long storedHeadId, LongFunction<Optional<String>> storedHashOf,
            List<Finding> findings) {
        var row = Optional.of("head log " + file.getFileName() + " line " + a.lineNumber());
        if (a.entryId() > storedHeadId) {
            findings.add(new Finding(a.entryId(), row, "ledger truncated or restored from an older copy: the head log "
                    + "anchored entry " + a.entryId() + " (hash " + a.hash() + ") at "
                    + Instant.ofEpochMilli(a.writtenAtMillis()) + ", the store ends at entry " + storedHeadId));
            return;
        }
        var stored = storedHashOf.apply(a.entryId());
        if (stored.isEmpty()) {
            findings.add(new Finding(a.entryId(), row, "the head log anchored entry " + a.entryId() + " (hash "
                    + a.hash() + ") at " + Instant.ofEpochMilli(a.writtenAtMillis())
                    + ", the store has no such entry"));
        } else if (!stored.get().equals(a.hash())) {
            findings.add(new Finding(a.entryId(), row, "entry " + a.entryId() + " was rewritten or the store was "
                    + "restored from another copy: the head log anchored hash " + a.hash() + " at "
                    + Instant.ofEpochMilli(a.writtenAtMillis()) + ", the store holds " + stored.get()));
        }
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    private sealed interface Parsed {
        record Ok(Anchor anchor) implements Parsed {
        }

        record Bad(String problem) implements Parsed {
        }
    }

    private static Parsed parse(long lineNumber, String line) {
        var f = line.split(" ", -1);
        if (f.length != 3) {
            return new Parsed.Bad("expected 3 space-separated fields <entryId> <hash> <epoch millis>, found "
                    + f.length);
        }
        long id;
        long at;
        try {
            id = Long.parseLong(f[0]);
            at = Long.parseLong(f[2]);
        } catch (NumberFormatException e) {
            return new Parsed.Bad("entry id and time must be decimal integers");
        }
        if (id < 1) {
            return new Parsed.Bad("entry id must be >= 1");
        }
        if (!LedgerFormat.isHash(f[1])) {
            return new Parsed.Bad("hash must be 64 lower-case hex digits");
        }
        return new Parsed.Ok(new Anchor(lineNumber, id, f[1], at));
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
