package org.gridprint.driver.modbus;

import java.math.BigDecimal;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;

/**
 * One point of a device: where a value is, how it is encoded and what it means.
 *
 * @param index      position in the device's point list (0-based), used in messages
 * @param name       the point's name for messages (profile point name, or {@code registers[i]})
 * @param meterId    the meter the value belongs to
 * @param quantity   what the value measures
 * @param address    0-based address of the first register (or bit)
 * @param function   coil, discrete input, holding or input registers
 * @param type       encoding
 * @param order      word and byte order of multi-register values
 * @param scale      multiplier applied to the raw value (before offset and unit conversion)
 * @param offset     added after scaling, in {@code unit}
 * @param unit       unit of {@code raw × scale + offset}; converted to the quantity's canonical unit
 * @param multiplier instrument-transformer factor (CT × PT ratio as applicable), applied last; 1 for none
 * @param bit        bit 0..15 of a 16-bit register for a bit field (type BOOL on a register), or -1
 */
public record RegisterEntry(int index, String name, String meterId, Quantity quantity, int address,
        RegisterFunction function, DataType type, WordOrder order, double scale, double offset, Unit unit,
        double multiplier, int bit) {

    /** A point without name, offset, transformer ratio or bit field (the one-line {@code registers} format). */
    public RegisterEntry(int index, String meterId, Quantity quantity, int address, RegisterFunction function,
            DataType type, WordOrder order, double scale, Unit unit) {
        this(index, "registers[" + index + "]", meterId, quantity, address, function, type, order, scale, 0.0, unit,
                1.0, -1);
    }

    /** Number of addresses (registers, or bits on coils) this point occupies. */
    public int width() {
        return function.bits() ? 1 : type.registers();
    }

    /** One past the last address this point occupies. */
    public int end() {
        return address + width();
    }

    /** This point with another transformer multiplier. */
    public RegisterEntry withMultiplier(double newMultiplier) {
        return new RegisterEntry(index, name, meterId, quantity, address, function, type, order, scale, offset, unit,
                newMultiplier, bit);
    }

    /** This point with another index and name. */
    public RegisterEntry withIndex(int newIndex, String newName) {
        return new RegisterEntry(newIndex, newName, meterId, quantity, address, function, type, order, scale, offset,
                unit, multiplier, bit);
    }

    /**
     * Converts a raw decoded value to the canonical unit of the quantity: {@code (raw × scale + offset) × factor ×
     * multiplier} in decimal arithmetic, rounded once to the nearest double (no binary noise).
     */
    public double toCanonical(double raw) {
        return Double.isFinite(raw) ? toCanonical(BigDecimal.valueOf(raw)) : raw;
    }

    /** {@link #toCanonical(double)} for an exact raw value. */
    public double toCanonical(BigDecimal raw) {
        // the unit's factor to its canonical unit, as its shortest decimal form (e.g. 0.001 for Wh -> kWh)
        var factor = BigDecimal.valueOf(unit.toCanonical(1.0));
        var v = raw.multiply(BigDecimal.valueOf(scale));
        if (offset != 0.0) {
            v = v.add(BigDecimal.valueOf(offset));
        }
        v = v.multiply(factor);
        if (multiplier != 1.0) {
            v = v.multiply(BigDecimal.valueOf(multiplier));
        }
        return v.doubleValue();
    }

    /** e.g. {@code holding 0..1 uint32 (hq/main ACTIVE_ENERGY_IMPORT)}. */
    public String describe() {
        return function.configName() + " " + address + (width() > 1 ? ".." + (end() - 1) : "")
                + (bit >= 0 ? " bit " + bit : "") + " " + type.configName() + " (" + meterId + " " + quantity + ")";
    }
}
