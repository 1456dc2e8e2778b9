package org.gridprint.driver.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which register table is read, i.e. which Modbus function code is used. */
public enum RegisterFunction {
    /** Holding registers, function code 3 (Read Holding Registers). */
    HOLDING,
    /** Input registers, function code 4 (Read Input Registers). */
    INPUT;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RegisterFunction> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.configName().equalsIgnoreCase(text.trim())).findFirst();
    }
}
