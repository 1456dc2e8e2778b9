package org.gridprint.driver.modbus;

import java.util.Locale;
import java.util.Optional;

/**
 * Order of the bytes of a multi-register value, named by where the most significant byte A lands: ABCD = high word
 * first, bytes big-endian (Modicon default); CDAB = low word first ("word swap"; 64-bit: all four words reversed);
 * BADC = high word first with the bytes of each register swapped; DCBA = fully little-endian. {@code big} and
 * {@code little} are accepted as ABCD and CDAB (the older configuration words).
 */
public enum WordOrder {
    ABCD(false, false), CDAB(true, false), BADC(false, true), DCBA(true, true);

    private final boolean wordsReversed;
    private final boolean bytesSwapped;

    WordOrder(boolean wordsReversed, boolean bytesSwapped) {
        this.wordsReversed = wordsReversed;
        this.bytesSwapped = bytesSwapped;
    }

    public boolean wordsReversed() {
        return wordsReversed;
    }

    public boolean bytesSwapped() {
        return bytesSwapped;
    }

    public String configName() {
        return name();
    }

    public static Optional<WordOrder> parse(String text) {
        var t = text.trim().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(switch (t) {
            case "ABCD", "BIG", "BIG-ENDIAN" -> ABCD;
            case "CDAB", "LITTLE", "WORD-SWAP", "WORDSWAP" -> CDAB;
            case "BADC", "BYTE-SWAP", "BYTESWAP" -> BADC;
            case "DCBA", "LITTLE-ENDIAN" -> DCBA;
            default -> null;
        });
    }

    public static String names() {
        return "ABCD (big, high word first), CDAB (little, low word first), BADC (bytes swapped), DCBA (fully little-endian)";
    }
}
