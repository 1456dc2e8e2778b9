package org.gridprint.driver.modbus;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;

/**
 * One point of a device's register map: where a value is, how it is encoded and what it means.
 *
 * @param index    position in the configured register list (0-based), used in messages
 * @param meterId  the meter the value belongs to
 * @param quantity what the value measures
 * @param address  0-based register address of the first word
 * @param function holding or input registers
 * @param type     encoding
 * @param order    word order of multi-register values
 * @param scale    multiplier applied to the raw value (before unit conversion)
 * @param unit     unit of {@code raw × scale}; converted to the quantity's canonical unit
 */
public record RegisterEntry(int index, String meterId, Quantity quantity, int address, RegisterFunction function,
        DataType type, WordOrder order, double scale, Unit unit) {

    /** One past the last register this entry occupies. */
    public int end() {
        return address + type.registers();
    }

    /** Converts a raw decoded value to the canonical unit of the quantity. */
    public double toCanonical(double raw) {
        return unit.toCanonical(raw * scale);
    }

    /** Short description for logs and messages, e.g. {@code holding 0..1 uint32 (hq/main ACTIVE_ENERGY_IMPORT)}. */
    public String describe() {
        return function.configName() + " " + address + (type.registers() > 1 ? ".." + (end() - 1) : "") + " "
                + type.configName() + " (" + meterId + " " + quantity + ")";
    }
}
