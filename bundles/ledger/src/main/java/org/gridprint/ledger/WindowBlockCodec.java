package org.gridprint.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;

/**
 * The compact block codec for accounting windows (docs/ledger-spec.md, "Window blocks"), shared by the store backends:
 * the current window versions of one series (meter, quantity, scope, method) whose starts fall in one UTC day, in
 * start order, as varint / zig-zag deltas. The series' key fields are not in the payload (the block row names its
 * series); everything else of each window is, with the entry that wrote it and a 16-bit check of its canonical line.
 *
 * <p>Payload: {@code 0x01} (format), varint n, varint siteCount, siteCount × (varint length, UTF-8 bytes), then per
 * window: zz(start − previous end), zz(duration − previous duration), [varint site index when siteCount > 1],
 * varint amountNano, varint co2eMicrograms, zz(factorRef − previous), zz(instrumentRef − previous), varint
 * coveredNano, varint (flagBits × 4 + quality ordinal), zz(start − firstReading), zz(lastReading − end), varint
 * version, zz(entryId − previous), zz(computedAt − previous computedAt), check (2 bytes, big-endian). "Previous"
 * values start at 0 for the first window. zz(v) = (v << 1) ^ (v >> 63); varint = unsigned LEB128.
 */
public final class WindowBlockCodec {

    /** The payload format written by {@link #encode}. */
    public static final int FORMAT = 1;

    /** A block holds the windows whose start lies in one UTC day. */
    public static final long BLOCK_MILLIS = 86_400_000L;

    private WindowBlockCodec() {
    }

    /** The start of the block (UTC day) holding a window starting at {@code startMillis}. */
    public static long blockStart(long startMillis) {
        return Math.floorDiv(startMillis, BLOCK_MILLIS) * BLOCK_MILLIS;
    }

    /** The 16-bit window check: the low 16 bits of CRC-32C of the window's canonical {@code V} line. */
    public static int check(EmissionWindow w) {
        return RowDigest.of(CanonicalLines.windowVersion(w)) & 0xFFFF;
    }

    /** CRC-32C of a block payload (the block row's digest), as a signed int. */
    public static int crc(byte[] payload) {
        return RowDigest.of(payload);
    }

    /** Flags as a bit set: bit i = the flag with ordinal i (the api enum's order; new flags are appended). */
    public static int flagBits(Set<WindowFlag> flags) {
        int bits = 0;
        for (var f : flags) {
            bits |= 1 << f.ordinal();
        }
        return bits;
    }

    /** The flags of a bit set; a bit without a flag is refused. */
    public static Set<WindowFlag> flags(int bits) {
        var all = WindowFlag.values();
        if (bits >>> all.length != 0) {
            throw new IllegalArgumentException("flag bits 0x" + Integer.toHexString(bits) + " name flags beyond the "
                    + all.length + " known");
        }
        var out = EnumSet.noneOf(WindowFlag.class);
        for (int i = 0; i < all.length; i++) {
            if ((bits & 1 << i) != 0) {
                out.add(all[i]);
            }
        }
        return out;
    }

    /**
     * Encodes the windows of one block: one series, starts in one UTC day, ascending and distinct. The checks are
     * written as given (a decoded block re-encodes to the same bytes).
     *
     * @throws IllegalArgumentException windows of two series or two days, or out of order, naming them
     */
    public static byte[] encode(List<StoredWindow> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a window block holds at least one window");
        }
        var first = windows.get(0).window();
        long day = blockStart(first.start().toEpochMilli());
        Map<String, Integer> sites = new LinkedHashMap<>();
        long prevStart = Long.MIN_VALUE;
        for (var s : windows) {
            var w = s.window();
            if (!w.meterId().equals(first.meterId()) || w.quantity() != first.quantity() || w.scope() != first.scope()
                    || w.method() != first.method()) {
                throw new IllegalArgumentException("window " + w.key() + " is not of the block's series "
                        + first.meterId() + " " + first.quantity() + " " + first.scope() + " " + first.method());
            }
            long start = w.start().toEpochMilli();
            if (blockStart(start) != day) {
                throw new IllegalArgumentException("window " + w.key() + " does not start in the block's UTC day "
                        + Instant.ofEpochMilli(day));
            }
            if (start <= prevStart) {
                throw new IllegalArgumentException("window " + w.key() + " is out of start order (or twice) in its "
                        + "block");
            }
            prevStart = start;
            sites.putIfAbsent(w.siteId(), sites.size());
        }
        var out = new Out(16 + windows.size() * 28);
        out.write(FORMAT);
        out.varint(windows.size());
        out.varint(sites.size());
        for (var site : sites.keySet()) {
            var b = site.getBytes(StandardCharsets.UTF_8);
            out.varint(b.length);
            out.write(b, 0, b.length);
        }
        long prevEnd = 0;
        long prevDuration = 0;
        long prevFactor = 0;
        long prevInstrument = 0;
        long prevEntry = 0;
        long prevComputed = 0;
        for (var s : windows) {
            var w = s.window();
            long start = w.start().toEpochMilli();
            long end = w.end().toEpochMilli();
            long duration = end - start;
            out.zigzag(start - prevEnd);
            out.zigzag(duration - prevDuration);
            if (sites.size() > 1) {
                out.varint(sites.get(w.siteId()));
            }
            out.varint(w.amountNano());
            out.varint(w.co2eMicrograms());
            out.zigzag(w.factorRef() - prevFactor);
            out.zigzag(w.instrumentRef() - prevInstrument);
            out.varint(w.coveredNano());
            out.varint(((long) flagBits(w.flags()) << 2) | w.quality().ordinal());
            out.zigzag(start - w.firstReading().toEpochMilli());
            out.zigzag(w.lastReading().toEpochMilli() - end);
            out.varint(w.version());
            out.zigzag(s.entryId() - prevEntry);
            long computed = w.computedAt().toEpochMilli();
            out.zigzag(computed - prevComputed);
            out.write(s.check() >>> 8);
            out.write(s.check() & 0xFF);
            prevEnd = end;
            prevDuration = duration;
            prevFactor = w.factorRef();
            prevInstrument = w.instrumentRef();
            prevEntry = s.entryId();
            prevComputed = computed;
        }
        return out.toByteArray();
    }

    /**
     * Decodes a block of the given series.
     *
     * @throws IllegalArgumentException the payload does not decode (naming the window index and byte offset)
     */
    public static List<StoredWindow> decode(byte[] payload, String meterId, Quantity quantity, Scope scope,
            AccountingMethod method) {
        Objects.requireNonNull(payload, "payload");
        var in = new In(payload);
        int format = in.u8();
        if (format != FORMAT) {
            throw new IllegalArgumentException("window block format " + format + " is not known (expected " + FORMAT
                    + ")");
        }
        int n = in.intVarint("window count");
        int siteCount = in.intVarint("site count");
        if (siteCount < 1 || siteCount > n) {
            throw new IllegalArgumentException("window block names " + siteCount + " sites for " + n + " windows");
        }
        var sites = new String[siteCount];
        for (int i = 0; i < siteCount; i++) {
            int len = in.intVarint("site length");
            sites[i] = new String(in.bytes(len), StandardCharsets.UTF_8);
        }
        var out = new ArrayList<StoredWindow>(n);
        long prevEnd = 0;
        long prevDuration = 0;
        long prevFactor = 0;
        long prevInstrument = 0;
        long prevEntry = 0;
        long prevComputed = 0;
        var qualities = Quality.values();
        for (int i = 0; i < n; i++) {
            int at = in.pos;
            try {
                long start = prevEnd + in.zigzag();
                long duration = prevDuration + in.zigzag();
                String site = siteCount > 1 ? sites[in.intVarint("site index")] : sites[0];
                long amount = in.varint();
                long co2e = in.varint();
                long factor = prevFactor + in.zigzag();
                long instrument = prevInstrument + in.zigzag();
                long covered = in.varint();
                long qf = in.varint();
                int q = (int) (qf & 3);
                if (q >= qualities.length || qf >>> 2 > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("quality/flags value " + qf + " is out of range");
                }
                var flags = flags((int) (qf >>> 2));
                long firstReading = start - in.zigzag();
                long end = start + duration;
                long lastReading = end + in.zigzag();
                long version = in.varint();
                if (version < 1 || version > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("version " + version + " is out of range");
                }
                long entry = prevEntry + in.zigzag();
                long computed = prevComputed + in.zigzag();
                int check = in.u8() << 8 | in.u8();
                var w = new EmissionWindow(meterId, site, quantity, scope, method, Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(end), amount, co2e, factor, instrument, covered, qualities[q], flags,
                        Instant.ofEpochMilli(firstReading), Instant.ofEpochMilli(lastReading), (int) version,
                        Instant.ofEpochMilli(computed));
                out.add(new StoredWindow(w, entry, check));
                prevEnd = end;
                prevDuration = duration;
                prevFactor = factor;
                prevInstrument = instrument;
                prevEntry = entry;
                prevComputed = computed;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("window #" + (i + 1) + " of " + n + " (byte " + at + ") of the block "
                        + "of " + meterId + " " + quantity + " " + scope + " " + method + " does not decode: "
                        + e.getMessage(), e);
            }
        }
        if (in.pos != payload.length) {
            throw new IllegalArgumentException("window block of " + meterId + " " + quantity + " " + scope + " "
                    + method + " has " + (payload.length - in.pos) + " bytes after its " + n + " windows");
        }
        return out;
    }

    /** A growable byte buffer with varint writers. */
    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void varint(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("a varint must be >= 0, was " + v);
            }
            while ((v & ~0x7FL) != 0) {
                write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write((int) v);
        }

        void zigzag(long v) {
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                write((int) (z & 0x7F) | 0x80);
                z >>>= 7;
            }
            write((int) z);
        }
    }

    /** A reader over a payload; running past its end is an IllegalArgumentException. */
    private static final class In {
        private final byte[] b;
        private int pos;

        In(byte[] b) {
            this.b = b;
        }

        int u8() {
            if (pos >= b.length) {
                throw new IllegalArgumentException("the block ends early (" + b.length + " bytes)");
            }
            return b[pos++] & 0xFF;
        }

        byte[] bytes(int n) {
            if (n < 0 || n > b.length - pos) {
                throw new IllegalArgumentException("the block ends early (" + b.length + " bytes, " + n + " wanted at "
                        + pos + ")");
            }
            var out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        /** Unsigned LEB128, at most 64 bits. */
        long raw() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    if (shift == 63 && x > 1) {
                        break;
                    }
                    return v;
                }
            }
            throw new IllegalArgumentException("a varint at byte " + pos + " is longer than 64 bits");
        }

        long varint() {
            long v = raw();
            if (v < 0) {
                throw new IllegalArgumentException("a count or amount at byte " + pos + " is beyond 2^63");
            }
            return v;
        }

        int intVarint(String what) {
            long v = raw();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " " + v + " is out of range");
            }
            return (int) v;
        }

        long zigzag() {
            long z = raw();
            return (z >>> 1) ^ -(z & 1);
        }
    }
}
