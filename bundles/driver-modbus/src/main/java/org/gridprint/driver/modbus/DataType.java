package org.gridprint.driver.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a value is encoded in one or more consecutive 16-bit registers, or in one coil/discrete input bit. */
public enum DataType {
    INT16(1), UINT16(1), INT32(2), UINT32(2), INT64(4), UINT64(4), FLOAT32(2), FLOAT64(4),
    /** One coil or discrete input (0 or 1); also a single bit of a register with {@code bit}. */
    BOOL(1);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Number of 16-bit registers (or bits, for BOOL on coils) the value occupies. */
    public int registers() {
        return registers;
    }

    /** The name used in configuration, e.g. {@code uint32}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DataType> parse(String text) {
        var t = text.trim();
        if (t.equalsIgnoreCase("bit") || t.equalsIgnoreCase("boolean")) {
            return Optional.of(BOOL);
        }
        return Arrays.stream(values()).filter(v -> v.configName().equalsIgnoreCase(t)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(DataType::configName).collect(Collectors.joining(", "));
    }
}
