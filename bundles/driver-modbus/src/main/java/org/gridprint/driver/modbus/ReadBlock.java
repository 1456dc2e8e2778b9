package org.gridprint.driver.modbus;

import java.util.List;

/** One read request: {@code count} registers (or bits) of one table from {@code start}, serving {@code entries}. */
public record ReadBlock(RegisterFunction function, int start, int count, List<RegisterEntry> entries) {

    public ReadBlock {
        entries = List.copyOf(entries);
    }

    public int end() {
        return start + count;
    }

    /** e.g. {@code holding registers 0..35 (36 registers)}. */
    public String describe() {
        return ModbusText.range(function, start, count);
    }
}
