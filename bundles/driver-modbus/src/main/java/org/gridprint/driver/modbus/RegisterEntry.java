package org.gridprint.driver.modbus;

import java.math.BigDecimal;

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

    /**
     * Converts a raw decoded value to the canonical unit of the quantity: {@code raw × scale × factor} in
     * decimal arithmetic, rounded once to the nearest double (no binary noise such as 1234567.8900000001).
     */
    public double toCanonical(double raw) {
        return Double.isFinite(raw) ? toCanonical(BigDecimal.valueOf(raw)) : raw;
    }

    /** {@link #toCanonical(double)} for an exact raw value. */
    public double toCanonical(BigDecimal raw) {
        // the unit's factor to its canonical unit, as its shortest decimal form (e.g. 0.001 for Wh -> kWh)
        var factor = BigDecimal.valueOf(unit.toCanonical(1.0));
        return raw.multiply(BigDecimal.valueOf(scale)).multiply(factor).doubleValue();
    }

    /** Short description for logs and messages, e.g. {@code holding 0..1 uint32 (hq/main ACTIVE_ENERGY_IMPORT)}. */
    public String describe() {
        return function.configName() + " " + address + (type.registers() > 1 ? ".." + (end() - 1) : "") + " "
                + type.configName() + " (" + meterId + " " + quantity + ")";
    }
}
