package org.gridprint.carbon.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Exact conversion of emission-rate units to grams per canonical unit: {@code kWh} for electricity, {@code m3} for
 * fuel volume (the FUEL_VOLUME canonical unit), {@code therm} for fuel heat (bills in therms or mmBtu). A rate is
 * written {@code <mass>/<quantity>}: mass one of {@code g, kg, t} (tonne) {@code , lb}; quantity one of
 * {@code Wh, kWh, MWh, GWh, m3, l, gal} (US gallon) {@code , scf, ccf, Mcf, therm, mmBtu}. A gas label after the
 * mass is allowed and ignored ({@code kg CO2e/MWh}, {@code gCO2eq/kWh}); {@code lbs} means {@code lb}. Case and
 * spaces do not matter.
 *
 * <p>Conversion constants are exact by definition: 1 lb = 0.45359237 kg, 1 US gal = 0.003785411784 m³,
 * 1 ft³ = 0.028316846592 m³, 1 mmBtu = 10 therm. Multiplications are exact; a division whose decimal does not end
 * (e.g. per scf to per m³: 0.3048³ has the factors 3 and 127) is rounded HALF_EVEN to {@link #SCALE} decimal places of
 * a gram, which is 10⁻¹⁵ g per nano-unit: far below the microgram a window is rounded to.
 */
public final class Units {

    /** Decimal places (of grams per canonical unit) of a conversion whose quotient does not terminate. */
    public static final int SCALE = 12;

    public static final String KWH = "kWh";
    public static final String M3 = "m3";
    public static final String THERM = "therm";
    /** The canonical "unit" of a loss share. */
    public static final String FRACTION = "fraction";

    private static final BigDecimal LB_G = new BigDecimal("453.59237");
    private static final BigDecimal GAL_M3 = new BigDecimal("0.003785411784");
    private static final BigDecimal FT3_M3 = new BigDecimal("0.028316846592");

    private static final Map<String, BigDecimal> MASS = new LinkedHashMap<>();
    private static final Map<String, Per> PER = new LinkedHashMap<>();

    /** A quantity unit: its canonical unit and how many canonical units one of it is. */
    private record Per(String label, String canonical, BigDecimal canonicalUnits) {
    }

    static {
        MASS.put("g", BigDecimal.ONE);
        MASS.put("kg", new BigDecimal(1000));
        MASS.put("t", new BigDecimal(1_000_000));
        MASS.put("lb", LB_G);
        per("Wh", KWH, "0.001");
        per("kWh", KWH, "1");
        per("MWh", KWH, "1000");
        per("GWh", KWH, "1000000");
        per("m3", M3, "1");
        per("l", M3, "0.001");
        per("gal", M3, GAL_M3.toPlainString());
        per("scf", M3, FT3_M3.toPlainString());
        per("ccf", M3, FT3_M3.movePointRight(2).toPlainString());
        per("Mcf", M3, FT3_M3.movePointRight(3).toPlainString());
        per("therm", THERM, "1");
        per("mmBtu", THERM, "10");
    }

    private static void per(String label, String canonical, String units) {
        PER.put(label.toLowerCase(Locale.ROOT), new Per(label, canonical, new BigDecimal(units)));
    }

    private Units() {
    }

    /** A rate in grams per canonical unit. */
    public record Rate(BigDecimal gramsPerUnit, String perUnit) {
    }

    /** The accepted units, for messages. */
    public static String accepted() {
        return "<mass>/<quantity> with mass one of " + String.join(", ", MASS.keySet()) + " and quantity one of "
                + String.join(", ", PER.values().stream().map(Per::label).toList())
                + " (e.g. lb/MWh, kg/MWh, g/kWh, t/MWh, kg/m3, kg/scf, kg/therm, kg/gal)";
    }

    /**
     * {@code value unit} as grams per canonical unit.
     *
     * @throws IllegalArgumentException an unknown unit, naming it and the accepted ones
     */
    public static Rate toGramsPerUnit(BigDecimal value, String unit) {
        var raw = unit == null ? "" : unit;
        var text = raw.replace(" ", "").replace("³", "3").toLowerCase(Locale.ROOT);
        int slash = text.indexOf('/');
        if (slash <= 0 || slash != text.lastIndexOf('/')) {
            throw unknown(raw);
        }
        var mass = MASS.get(massOf(text.substring(0, slash)));
        var per = PER.get(text.substring(slash + 1));
        if (mass == null || per == null) {
            throw unknown(raw);
        }
        return new Rate(canonical(divide(value.multiply(mass), per.canonicalUnits())), per.canonical());
    }

    /** An amount in a canonical unit. */
    public record Amount(BigDecimal value, String unit) {
    }

    /**
     * An amount of energy or fuel ({@code 1200 therm}, {@code 50000 scf}, {@code 3.5 MWh}) in its canonical unit
     * ({@code kWh}, {@code m3}, {@code therm}): exact where the product terminates (it always does: every factor
     * above is a finite decimal).
     *
     * @throws IllegalArgumentException an unknown unit, naming it and the accepted ones
     */
    public static Amount toCanonicalAmount(BigDecimal value, String unit) {
        var raw = unit == null ? "" : unit;
        var per = PER.get(raw.replace(" ", "").replace("³", "3").toLowerCase(Locale.ROOT));
        if (per == null) {
            throw new IllegalArgumentException("unit '" + raw + "' is not known: expected one of "
                    + String.join(", ", PER.values().stream().map(Per::label).toList()));
        }
        return new Amount(canonical(value.multiply(per.canonicalUnits())), per.canonical());
    }

    /** The canonical unit a quantity unit converts to ({@code kWh}, {@code m3}, {@code therm}), or null if unknown. */
    public static String canonicalOf(String quantityUnit) {
        var per = PER.get(quantityUnit == null ? "" : quantityUnit.replace(" ", "").toLowerCase(Locale.ROOT));
        return per == null ? null : per.canonical();
    }

    /**
     * A share given as {@code %} or {@code fraction} as a fraction in [0, 1).
     *
     * @throws IllegalArgumentException another unit or a share outside [0, 100) %
     */
    public static BigDecimal toFraction(BigDecimal value, String unit) {
        var u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        BigDecimal f;
        if (u.equals("%")) {
            f = value.movePointLeft(2);
        } else if (u.equals(FRACTION)) {
            f = value;
        } else {
            throw new IllegalArgumentException("unit '" + unit + "' is not a share: expected % or fraction");
        }
        if (f.signum() < 0 || f.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("share " + value.toPlainString() + " " + unit
                    + " is outside the range: expected at least 0 and below 100 % (1 as a fraction)");
        }
        return canonical(f);
    }

    /** Exact quotient when it terminates, else rounded HALF_EVEN to {@link #SCALE} places. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        try {
            return a.divide(b);
        } catch (ArithmeticException nonTerminating) {
            return a.divide(b, SCALE, RoundingMode.HALF_EVEN);
        }
    }

    /** The one decimal form of a value: no trailing zeros, zero as {@code 0}, never an exponent below zero scale. */
    public static BigDecimal canonical(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        var s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static String massOf(String numerator) {
        var mass = numerator;
        for (var label : new String[] {"co2eq", "co2-eq", "co2e", "co2"}) {
            if (mass.endsWith(label) && mass.length() > label.length()) {
                mass = mass.substring(0, mass.length() - label.length());
                break;
            }
        }
        return mass.equals("lbs") ? "lb" : mass;
    }

    private static IllegalArgumentException unknown(String unit) {
        return new IllegalArgumentException("unit '" + unit + "' is not known: expected " + accepted());
    }
}
