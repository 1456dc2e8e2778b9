package org.gridprint.driver.modbus;

import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;

/**
 * A meter model as data: its points (where each value is and how it is encoded) and the manufacturer document the
 * register table comes from. Read from a YAML or JSON file by {@link ProfileParser}.
 *
 * @param name     file name without extension, e.g. {@code eastron-sdm630}; what devices reference
 * @param origin   where it was read from (etc/ file or bundle resource), for messages
 * @param document the manufacturer's document and revision the table was taken from
 */
public record MeterProfile(String name, String origin, String model, String manufacturer, String document,
        String revision, List<Point> points) {

    public MeterProfile {
        points = List.copyOf(points);
    }

    /** Which instrument-transformer ratios scale a point. */
    public enum Transformer {
        NONE, CT, PT, CT_PT;

        /** The default for a quantity: currents by CT, voltages by PT, power and energy by both. */
        public static Transformer defaultFor(Quantity q) {
            return switch (q) {
                case CURRENT -> CT;
                case VOLTAGE -> PT;
                case ACTIVE_POWER, REACTIVE_POWER, ACTIVE_ENERGY_IMPORT, ACTIVE_ENERGY_EXPORT, REACTIVE_ENERGY_IMPORT,
                        REACTIVE_ENERGY_EXPORT -> CT_PT;
                default -> NONE;
            };
        }

        public double factor(double ct, double pt) {
            return switch (this) {
                case NONE -> 1.0;
                case CT -> ct;
                case PT -> pt;
                case CT_PT -> ct * pt;
            };
        }
    }

    /** One point of the profile. */
    public record Point(int index, String name, Quantity quantity, RegisterFunction function, int address,
            DataType type, WordOrder order, double scale, double offset, Unit unit, int bit, Transformer transformer) {

        public int end() {
            return address + (function.bits() ? 1 : type.registers());
        }
    }

    /**
     * The device's points for {@code meterId}, numbered from {@code firstIndex}, with the CT and PT ratios applied
     * as each point's transformer rule says.
     */
    public List<RegisterEntry> entries(String meterId, double ctRatio, double ptRatio, int firstIndex) {
        var out = new ArrayList<RegisterEntry>();
        int i = firstIndex;
        for (var p : points) {
            out.add(new RegisterEntry(i++, "profile " + name + " point " + p.name(), meterId, p.quantity(), p.address(),
                    p.function(), p.type(), p.order(), p.scale(), p.offset(), p.unit(),
                    p.transformer().factor(ctRatio, ptRatio), p.bit()));
        }
        return out;
    }
}
