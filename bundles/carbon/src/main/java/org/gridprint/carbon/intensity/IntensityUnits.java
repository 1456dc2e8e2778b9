package org.gridprint.carbon.intensity;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Units of grid intensity as providers publish them, converted exactly to g CO2e per kWh (the catalog's
 * {@code perUnit} {@code kWh}). 1 lb = 0.45359237 kg exactly (international avoirdupois pound), so
 * 1 lb/MWh = 0.45359237 g/kWh; 1 kg/MWh = 1 g/kWh.
 */
public final class IntensityUnits {

    /** Canonical unit name → grams per kWh for one of it. */
    private static final Map<String, BigDecimal> FACTORS = new LinkedHashMap<>();
    /** Spelling as published (lower case, no blanks) → canonical name. */
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        unit("g/kWh", "1", "gco2/kwh", "gco2eq/kwh", "gco2e/kwh", "g/kwh");
        unit("kg/MWh", "1", "kgco2/mwh", "kgco2e/mwh", "kg/mwh");
        unit("lb/MWh", "0.45359237", "lbs_co2_per_mwh", "lbs_co2e_per_mwh", "lbs/mwh", "lbco2/mwh", "lb/mwh");
        unit("t/MWh", "1000", "tco2/mwh", "tco2e/mwh", "t/mwh");
        unit("kg/kWh", "1000", "kgco2/kwh", "kgco2e/kwh", "kg/kwh");
        unit("lb/kWh", "453.59237", "lbs/kwh", "lb/kwh");
    }

    private IntensityUnits() {
    }

    private static void unit(String canonical, String gramsPerKwh, String... aliases) {
        FACTORS.put(canonical, new BigDecimal(gramsPerKwh));
        for (var a : aliases) {
            ALIASES.put(a, canonical);
        }
    }

    /**
     * The canonical name of a published unit ({@code lbs_co2_per_mwh} → {@code lb/MWh}, {@code gCO2eq/kWh} →
     * {@code g/kWh}).
     *
     * @throws IllegalArgumentException an unknown unit, naming it and the accepted ones
     */
    public static String canonical(String unit) {
        if (unit == null) {
            throw new IllegalArgumentException("no intensity unit given; expected one of " + accepted());
        }
        var key = unit.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        var canonical = ALIASES.get(key);
        if (canonical == null) {
            throw new IllegalArgumentException("unknown intensity unit '" + unit + "'; expected one of " + accepted());
        }
        return canonical;
    }

    /** {@code value} in {@code unit} as g CO2e/kWh, exact (no rounding: the factors are terminating decimals). */
    public static BigDecimal gramsPerKwh(BigDecimal value, String unit) {
        var grams = value.multiply(FACTORS.get(canonical(unit)));
        return grams.signum() == 0 ? BigDecimal.ZERO : grams.stripTrailingZeros();
    }

    /** The accepted units and their spellings. */
    public static String accepted() {
        return String.join(", ", FACTORS.keySet()) + " (also written " + String.join(", ", ALIASES.keySet()) + ")";
    }
}
