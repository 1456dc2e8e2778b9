package org.gridprint.driver.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a value is encoded in one or more consecutive 16-bit registers. */
public enum DataType {
    INT16(1), UINT16(1), INT32(2), UINT32(2), INT64(4), UINT64(4), FLOAT32(2), FLOAT64(4);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Number of 16-bit registers the value occupies. */
    public int registers() {
        return registers;
    }

    /** The name used in configuration, e.g. {@code uint32}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DataType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.configName().equalsIgnoreCase(text.trim())).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(DataType::configName).collect(Collectors.joining(", "));
    }
}
