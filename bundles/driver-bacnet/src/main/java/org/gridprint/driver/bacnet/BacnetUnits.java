package org.gridprint.driver.bacnet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;

/**
 * BACnet engineering units (ASHRAE 135 clause 21, {@code BACnetEngineeringUnits}) that Gridprint can store, each with
 * its factor to the canonical unit of its dimension (kWh, kW, m3, ...). A unit not in this table is refused with a
 * message naming it: values of an unknown unit are never stored. Conversion factors: 1 Btu (International Table) =
 * 1055.05585262 J (ISO 31-4 / NIST SP 811 appendix B), so 1 Btu = 2.930710701722e-4 kWh; 1 ton-hour of refrigeration
 * = 12,000 Btu; 1 therm = 100,000 Btu; 1 US gallon = 3.785411784 L; 1 cubic foot = 0.028316846592 m3 (NIST SP 811).
 */
public final class BacnetUnits {

    /** One translatable unit: the BACnet name, Gridprint's symbol for it, the canonical unit and the factor to it. */
    public record Conversion(EngineeringUnits bacnet, String symbol, String canonical, double factor) {
        public double toCanonical(double value) {
            return value * factor;
        }
    }

    static final double KWH_PER_BTU = 1055.05585262 / 3.6e6;

    private static final Map<Integer, Conversion> TABLE = new LinkedHashMap<>();

    static {
        add(EngineeringUnits.wattHours, "Wh", "kWh", 0.001);
        add(EngineeringUnits.kilowattHours, "kWh", "kWh", 1);
        add(EngineeringUnits.megawattHours, "MWh", "kWh", 1000);
        add(EngineeringUnits.joules, "J", "kWh", 1 / 3.6e6);
        add(EngineeringUnits.kilojoules, "kJ", "kWh", 1 / 3.6e3);
        add(EngineeringUnits.megajoules, "MJ", "kWh", 1 / 3.6);
        add(EngineeringUnits.btus, "Btu", "kWh", KWH_PER_BTU);
        add(EngineeringUnits.kiloBtus, "kBtu", "kWh", KWH_PER_BTU * 1e3);
        add(EngineeringUnits.megaBtus, "MBtu", "kWh", KWH_PER_BTU * 1e6);
        add(EngineeringUnits.therms, "therm", "kWh", KWH_PER_BTU * 1e5);
        add(EngineeringUnits.tonHours, "ton-h", "kWh", KWH_PER_BTU * 12_000);
        add(EngineeringUnits.wattHoursReactive, "varh", "kvarh", 0.001);
        add(EngineeringUnits.kilowattHoursReactive, "kvarh", "kvarh", 1);
        add(EngineeringUnits.megawattHoursReactive, "Mvarh", "kvarh", 1000);
        add(EngineeringUnits.voltAmpereHoursReactive, "varh", "kvarh", 0.001);
        add(EngineeringUnits.kilovoltAmpereHoursReactive, "kvarh", "kvarh", 1);
        add(EngineeringUnits.milliwatts, "mW", "kW", 1e-6);
        add(EngineeringUnits.watts, "W", "kW", 0.001);
        add(EngineeringUnits.kilowatts, "kW", "kW", 1);
        add(EngineeringUnits.megawatts, "MW", "kW", 1000);
        add(EngineeringUnits.btusPerHour, "Btu/h", "kW", KWH_PER_BTU);
        add(EngineeringUnits.kiloBtusPerHour, "kBtu/h", "kW", KWH_PER_BTU * 1e3);
        add(EngineeringUnits.tonsRefrigeration, "TR", "kW", KWH_PER_BTU * 12_000);
        add(EngineeringUnits.voltAmperesReactive, "var", "kvar", 0.001);
        add(EngineeringUnits.kilovoltAmperesReactive, "kvar", "kvar", 1);
        add(EngineeringUnits.megavoltAmperesReactive, "Mvar", "kvar", 1000);
        add(EngineeringUnits.millivolts, "mV", "V", 0.001);
        add(EngineeringUnits.volts, "V", "V", 1);
        add(EngineeringUnits.kilovolts, "kV", "V", 1000);
        add(EngineeringUnits.milliamperes, "mA", "A", 0.001);
        add(EngineeringUnits.amperes, "A", "A", 1);
        add(EngineeringUnits.hertz, "Hz", "Hz", 1);
        add(EngineeringUnits.powerFactor, "PF", "1", 1);
        add(EngineeringUnits.noUnits, "1", "1", 1);
        add(EngineeringUnits.percent, "%", "1", 0.01);
        add(EngineeringUnits.cubicMeters, "m3", "m3", 1);
        add(EngineeringUnits.liters, "L", "m3", 0.001);
        add(EngineeringUnits.milliliters, "mL", "m3", 1e-6);
        add(EngineeringUnits.cubicFeet, "ft3", "m3", 0.028316846592);
        add(EngineeringUnits.usGallons, "gal", "m3", 0.003785411784);
        add(EngineeringUnits.imperialGallons, "imp gal", "m3", 0.00454609);
        add(EngineeringUnits.degreesCelsius, "degC", "degC", 1);
    }

    private static void add(EngineeringUnits unit, String symbol, String canonical, double factor) {
        TABLE.put(unit.intValue(), new Conversion(unit, symbol, canonical, factor));
    }

    private BacnetUnits() {
    }

    /** The conversion of a BACnet unit, or empty when Gridprint does not store it. */
    public static Optional<Conversion> of(EngineeringUnits unit) {
        return unit == null ? Optional.empty() : Optional.ofNullable(TABLE.get(unit.intValue()));
    }

    /**
     * Parses a unit as an operator writes it: Gridprint's symbol ({@code kWh}, {@code ton-h}, {@code m3}) or the
     * BACnet name ({@code kilowatt-hours}, {@code kilowattHours}, case-insensitive).
     */
    public static Optional<Conversion> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var t = text.trim();
        for (var c : TABLE.values()) {
            if (c.symbol().equals(t)) {
                return Optional.of(c);
            }
        }
        var key = normalise(t);
        for (var c : TABLE.values()) {
            if (normalise(c.bacnet().toString()).equals(key) || c.symbol().equalsIgnoreCase(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String s) {
        return s.replace("-", "").replace("_", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The symbols Gridprint accepts, for "expected one of ..." messages. */
    public static String symbols() {
        return String.join(", ", TABLE.values().stream().map(Conversion::symbol).distinct().toList());
    }

    /** A BACnet unit in words: its name and number ({@code kilowatt-hours (19)}). */
    public static String describe(EngineeringUnits unit) {
        return unit + " (" + unit.intValue() + ")";
    }
}
