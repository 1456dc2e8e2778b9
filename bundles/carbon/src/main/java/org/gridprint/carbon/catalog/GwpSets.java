package org.gridprint.carbon.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 100-year GWP sets AR4, AR5 and AR6 (shipped {@code factors/gwp_100yr.csv}). CH4 uses the <b>non-fossil</b> value
 * (AR5 28, AR6 27.0) for fuels and grid rates alike: the CO2 factors of 40 CFR 98 Table C-1 (and eGRID's CO2 rates)
 * already count all of the fuel's carbon as CO2 (oxidation fraction 1), so the carbon of the methane that escapes
 * unburned is already in the CO2 term; the fossil value (AR5 30, AR6 29.8) adds the CO2 of that methane's later
 * oxidation and would count it twice.
 */
public final class GwpSets {

    /** One GWP set. */
    public record GwpSet(String name, BigDecimal ch4, BigDecimal n2o) {
    }

    /** The sets, by name. */
    public static final List<String> NAMES = List.of("AR4", "AR5", "AR6");

    private final Map<String, GwpSet> sets;

    GwpSets(Map<String, GwpSet> sets) {
        this.sets = Map.copyOf(sets);
    }

    /** Reads {@code gas,ar4,ar5,ar6} rows (CO2, CH4, N2O needed; others ignored). */
    static GwpSets parse(String text, String where) {
        var table = Csv.parse(text, where);
        Map<String, Map<String, BigDecimal>> byGas = new TreeMap<>();
        for (var row : table.rows()) {
            var values = new TreeMap<String, BigDecimal>();
            for (var set : NAMES) {
                var column = set.toLowerCase(Locale.ROOT);
                try {
                    values.put(set, new BigDecimal(row.get(column)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ", line " + row.line() + ", column " + column + " = '"
                            + row.get(column) + "': expected a decimal number");
                }
            }
            byGas.put(row.get("gas"), values);
        }
        for (var gas : List.of("CH4", "N2O")) {
            if (!byGas.containsKey(gas)) {
                throw new IllegalArgumentException(where + ": no row for gas " + gas);
            }
        }
        var sets = new TreeMap<String, GwpSet>();
        for (var set : NAMES) {
            sets.put(set, new GwpSet(set, byGas.get("CH4").get(set), byGas.get("N2O").get(set)));
        }
        return new GwpSets(sets);
    }

    /** The set by name ({@code AR4}, {@code AR5}, {@code AR6}, any case). */
    public GwpSet get(String name) {
        return sets.get(normalize(name));
    }

    /**
     * The set name in its canonical spelling.
     *
     * @throws IllegalArgumentException anything else, naming the value and the accepted ones
     */
    public static String normalize(String name) {
        var n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("gwpSet = '" + name + "': expected one of " + String.join(", ", NAMES));
        }
        return n;
    }
}
