package org.gridprint.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a reading measures, in the quantity's canonical unit. Cumulative quantities are counters
 * (registers that only grow until they roll over or are reset); energy intervals come from them.
 */
public enum Quantity {
    ACTIVE_ENERGY_IMPORT("kWh", true),
    ACTIVE_ENERGY_EXPORT("kWh", true),
    REACTIVE_ENERGY_IMPORT("kvarh", true),
    REACTIVE_ENERGY_EXPORT("kvarh", true),
    ACTIVE_POWER("kW", false),
    REACTIVE_POWER("kvar", false),
    VOLTAGE("V", false),
    CURRENT("A", false),
    POWER_FACTOR("1", false),
    FREQUENCY("Hz", false),
    /** Cumulative fuel or gas volume (natural gas, diesel, propane). */
    FUEL_VOLUME("m3", true),
    /** Cumulative heat or cooling energy from a thermal (BTU) meter. */
    THERMAL_ENERGY("kWh", true),
    TEMPERATURE("degC", false),
    /**
     * Cumulative running hours of a machine, fan coil or pump (an hour counter): allocation by runtime.
     *
     * @since 1.4.0
     */
    RUNTIME("h", true),
    /**
     * Utilisation of a server or machine in percent (0..100): an estimated power model turns it into energy.
     *
     * @since 1.4.0
     */
    UTILISATION("%", false);

    private final String canonicalUnit;
    private final boolean cumulative;

    Quantity(String canonicalUnit, boolean cumulative) {
        this.canonicalUnit = canonicalUnit;
        this.cumulative = cumulative;
    }

    /** Canonical unit symbol: every stored value of this quantity is in it. */
    public String canonicalUnit() {
        return canonicalUnit;
    }

    /** True for counters (energy, volume): intervals are computed by differencing them. */
    public boolean cumulative() {
        return cumulative;
    }

    /** True if values of {@code unit} can be converted to this quantity's canonical unit. */
    public boolean accepts(Unit unit) {
        return unit.canonicalSymbol().equals(canonicalUnit);
    }

    /** Parses a constant name, case-insensitively, allowing '-' for '_'. */
    public static Optional<Quantity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(q -> q.name().equals(name)).findFirst();
    }

    /** The accepted names, for error messages ("expected one of ..."). */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
