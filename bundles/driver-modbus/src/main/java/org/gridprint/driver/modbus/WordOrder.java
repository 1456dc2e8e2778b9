package org.gridprint.driver.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Order of the 16-bit words of a multi-register value. Bytes inside a register are always big-endian
 * (Modbus standard); meters differ only in the order of the words.
 */
public enum WordOrder {
    /** Most significant word at the lowest address ("ABCD", Modicon default). */
    BIG,
    /** Least significant word at the lowest address ("CDAB"; for 64-bit values all four words reversed). */
    LITTLE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WordOrder> parse(String text) {
        return Arrays.stream(values()).filter(o -> o.configName().equalsIgnoreCase(text.trim())).findFirst();
    }
}
