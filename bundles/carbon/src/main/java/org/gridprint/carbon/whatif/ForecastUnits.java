package org.gridprint.carbon.whatif;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Intensity units as providers publish them, to g CO2(e)/kWh, exactly (1 lb = 0.45359237 kg; g/kWh = kg/MWh).
 */
final class ForecastUnits {

    private static final BigDecimal LB = new BigDecimal("0.45359237");
    private static final Map<String, BigDecimal> TO_G_PER_KWH = new TreeMap<>();

    static {
        for (var u : new String[] {"g/kwh", "gco2/kwh", "gco2eq/kwh", "gco2e/kwh", "kg/mwh", "kgco2/mwh",
                "kgco2e/mwh"}) {
            TO_G_PER_KWH.put(u, BigDecimal.ONE);
        }
        for (var u : new String[] {"lb/mwh", "lbs/mwh", "lbs_co2_per_mwh", "lb co2/mwh", "lbco2/mwh"}) {
            TO_G_PER_KWH.put(u, LB);
        }
        TO_G_PER_KWH.put("t/mwh", BigDecimal.valueOf(1000));
        TO_G_PER_KWH.put("kg/kwh", BigDecimal.valueOf(1000));
    }

    private ForecastUnits() {
    }

    /** The factor turning a value in {@code unit} into g/kWh; refuses an unknown unit, naming who published it. */
    static BigDecimal toGramsPerKwh(String unit, String provider) {
        var f = TO_G_PER_KWH.get(unit.trim().toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("provider '" + provider + "': intensity unit '" + unit
                    + "' is not known; expected one of g/kWh, gCO2eq/kWh, kg/MWh, lb/MWh, lbs_co2_per_mwh, t/MWh,"
                    + " kg/kWh");
        }
        return f;
    }
}
