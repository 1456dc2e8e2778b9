package org.gridprint.store.derby;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.LedgerFormat;
import org.gridprint.ledger.RowDigest;

/**
 * Readings in canonical terms, and the ledger format 1 encoding (entries written before format 2, see README.md;
 * format 2 is the library's {@link CanonicalLines}, docs/ledger-spec.md):
 * one UTF-8 line per reading, {@code meterId TAB QUANTITY TAB epochMillis TAB valueBits TAB QUALITY TAB source LF},
 * where valueBits is the 16 lower-case hex digits of the IEEE-754 bits of the value. Lines are ordered by meter
 * id, quantity name, timestamp; batch hash = SHA-256(ASCII previous hash hex || lines), hex lower case.
 */
final class Canonical {

    static final String ZERO_HASH = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    /** One reading in canonical terms. */
    record Row(String meterId, Quantity quantity, long ts, double value, Quality quality, String source) {
    }

    static final Comparator<Row> ORDER = Comparator.comparing(Row::meterId)
            .thenComparing(r -> r.quantity().name())
            .thenComparingLong(Row::ts);

    private Canonical() {
    }

    static byte[] line(Row r) {
        var sb = new StringBuilder(96);
        sb.append(r.meterId()).append('\t').append(r.quantity().name()).append('\t').append(r.ts()).append('\t')
                .append(HEX.toHexDigits(Double.doubleToRawLongBits(r.value()))).append('\t')
                .append(r.quality().name()).append('\t').append(r.source()).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** CRC-32C of the canonical line, kept per reading in block rows to name a changed row. */
    static int digest(byte[] line) {
        var crc = new CRC32C();
        crc.update(line, 0, line.length);
        return (int) crc.getValue();
    }

    /** The format 2 line of an accepted reading ({@code R ...}). */
    static String rLine(Row r) {
        return CanonicalLines.reading(r.meterId(), r.quantity(), r.ts(), r.value(), r.quality(), r.source());
    }

    /** The row digest of a reading of an entry of {@code format} (1 or 2). */
    static int digest(Row r, int format) {
        return format >= LedgerFormat.VERSION ? RowDigest.of(rLine(r)) : digest(line(r));
    }

    static MessageDigest sha256(String previousHash) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            return md;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }
}
