package org.gridprint.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Units a device may report in, with the factor to the canonical unit of their dimension.
 * Drivers convert with {@link #toCanonical(double)} before they build a {@link Reading}.
 */
public enum Unit {
    WH("Wh", "kWh", 0.001),
    KWH("kWh", "kWh", 1.0),
    MWH("MWh", "kWh", 1000.0),
    VARH("varh", "kvarh", 0.001),
    KVARH("kvarh", "kvarh", 1.0),
    W("W", "kW", 0.001),
    KW("kW", "kW", 1.0),
    MW("MW", "kW", 1000.0),
    VAR("var", "kvar", 0.001),
    KVAR("kvar", "kvar", 1.0),
    V("V", "V", 1.0),
    KV("kV", "V", 1000.0),
    A("A", "A", 1.0),
    MA("mA", "A", 0.001),
    HZ("Hz", "Hz", 1.0),
    ONE("1", "1", 1.0),
    PERCENT("%", "1", 0.01),
    M3("m3", "m3", 1.0),
    LITRE("L", "m3", 0.001),
    /** US survey: 1 standard cubic foot = 0.0283168466 m3. */
    SCF("scf", "m3", 0.028316846592),
    /** US liquid gallon = 3.785411784 L. */
    GALLON("gal", "m3", 0.003785411784),
    THERM("therm", "kWh", 29.3071070172),
    MMBTU("MMBtu", "kWh", 293.071070172),
    GJ("GJ", "kWh", 277.777777778),
    CELSIUS("degC", "degC", 1.0),
    /**
     * Running hours: the canonical unit of {@link Quantity#RUNTIME} (an hour counter).
     *
     * @since 1.4.0
     */
    HOUR("h", "h", 1.0),
    /**
     * Running minutes: 60 min = 1 h.
     *
     * @since 1.4.0
     */
    MINUTE("min", "h", 1.0 / 60.0),
    /**
     * Running seconds: 3,600 s = 1 h.
     *
     * @since 1.4.0
     */
    SECOND("s", "h", 1.0 / 3600.0);

    private final String symbol;
    private final String canonicalSymbol;
    private final double factor;

    Unit(String symbol, String canonicalSymbol, double factor) {
        this.symbol = symbol;
        this.canonicalSymbol = canonicalSymbol;
        this.factor = factor;
    }

    public String symbol() {
        return symbol;
    }

    /** The symbol of the canonical unit of this unit's dimension (kWh, kW, m3, ...). */
    public String canonicalSymbol() {
        return canonicalSymbol;
    }

    public double toCanonical(double value) {
        return value * factor;
    }

    /** Parses a symbol ("kWh") or a constant name ("KWH"), case-insensitively for names. */
    public static Optional<Unit> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var t = text.trim();
        for (var u : values()) {
            if (u.symbol.equals(t) || u.name().equals(t.toUpperCase(Locale.ROOT))) {
                return Optional.of(u);
            }
        }
        for (var u : values()) {
            if (u.symbol.equalsIgnoreCase(t)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
