package org.gridprint.driver.modbus;

import java.util.List;

/**
 * One read request: {@code count} registers of one table starting at {@code start}, serving {@code entries}.
 */
public record ReadBlock(RegisterFunction function, int start, int count, List<RegisterEntry> entries) {

    public ReadBlock {
        entries = List.copyOf(entries);
    }

    public int end() {
        return start + count;
    }

    /** e.g. {@code holding registers 0..35 (36 registers)}. */
    public String describe() {
        return function.configName() + " registers " + start + ".." + (end() - 1) + " (" + count + " register"
                + (count == 1 ? "" : "s") + ")";
    }
}
