package org.gridprint.ledger;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** The per-row digest a store keeps beside each stored reading so that verify can name the changed row. */
public final class RowDigest {

    private RowDigest() {
    }

    /** CRC-32C of the UTF-8 bytes of a canonical line, as a (signed) int. */
    public static int of(String line) {
        return of(line.getBytes(StandardCharsets.UTF_8));
    }

    public static int of(byte[] utf8Line) {
        var crc = new CRC32C();
        crc.update(utf8Line, 0, utf8Line.length);
        return (int) crc.getValue();
    }
}
