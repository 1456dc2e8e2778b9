package org.gridprint.carbon.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;

/**
 * The factors shipped with the bundle (resources {@code factors/*.csv}): eGRID subregion, US and state output rates
 * (CO2e as published, and recomputed with AR5/AR6 where CH4 and N2O are given), grid gross loss, and stationary
 * combustion fuels under each GWP set. Ids and series:
 * <ul>
 * <li>{@code egrid2022/subregion/CAMX/co2e}: CO2e as published (gwpSet {@code AR4 (as published)}), series
 * {@code egrid/subregion/CAMX/co2e} for AR4, and for AR5/AR6 where the edition gives no CH4/N2O (eGRID2023rev2);</li>
 * <li>{@code egrid2022/subregion/CAMX/co2e/AR5} (and {@code /AR6}): CO2 + CH4×GWP + N2O×GWP, same series for AR5/AR6;</li>
 * <li>{@code egrid2022/us/US/co2e}, {@code egrid2022/state/CA/co2e} likewise (series {@code egrid/us/US/co2e},
 * {@code egrid/state/CA/co2e});</li>
 * <li>{@code egrid2022/subregion/CAMX/loss}, {@code egrid2022/us/US/loss}: GRID_LOSS, the loss fraction (series
 * {@code egrid/subregion/CAMX/loss}); a loss printed as 0.0 (PRMS 2022) means unknown and ships nothing;</li>
 * <li>{@code fuel/natural_gas/m3/AR5}: series {@code fuel/<fuel>/<unit>}, fuels {@code natural_gas} (m3, scf, therm),
 * {@code diesel} and {@code fuel_oil} (both Distillate Fuel Oil No. 2: gal, l, m3), {@code propane} (liquid: gal, l,
 * m3), {@code propane_gas} (gaseous: scf, m3); g CO2e per that unit.</li>
 * </ul>
 */
final class ShippedFactors {

    static final String PROVIDER = "catalog";
    static final String AS_PUBLISHED = "AR4 (as published)";
    private static final String DIR = "factors/";
    private static final BigDecimal THOUSAND = new BigDecimal(1000);
    private static final BigDecimal GAL_L = new BigDecimal("3.785411784");
    private static final BigDecimal GAL_M3 = new BigDecimal("0.003785411784");
    private static final BigDecimal FT3_M3 = new BigDecimal("0.028316846592");
    static final String FUEL_EDITION = "EPA GHG Emission Factors Hub 2024";

    private record Edition(String key, String label, int year, String co2eBasis, String subregionSource,
            String stateSource) {
    }

    private final GwpSets gwp;
    private final List<CatalogIndex.Draft> drafts = new ArrayList<>();
    private final Map<String, Edition> editions = new HashMap<>();

    private ShippedFactors(GwpSets gwp) {
        this.gwp = gwp;
    }

    /** The GWP sets shipped with the bundle. */
    static GwpSets gwpSets() {
        return GwpSets.parse(resource("gwp_100yr.csv"), "factors/gwp_100yr.csv");
    }

    /**
     * Every shipped factor as drafts for {@link CatalogIndex#build}.
     *
     * @throws IllegalStateException a shipped file that does not parse (a packaging error), naming file and line
     */
    static List<CatalogIndex.Draft> load() {
        try {
            var s = new ShippedFactors(gwpSets());
            s.editions(resource("editions.csv"));
            s.egrid(resource("egrid_subregion_output_rates.csv"), "factors/egrid_subregion_output_rates.csv", true);
            s.egrid(resource("egrid2022_state_output_rates.csv"), "factors/egrid2022_state_output_rates.csv", false);
            s.fuels(resource("stationary_combustion_factors.csv"));
            return List.copyOf(s.drafts);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("shipped factor data: " + e.getMessage(), e);
        }
    }

    static String resource(String name) {
        try (InputStream in = ShippedFactors.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DIR + name + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("resource " + DIR + name + " cannot be read", e);
        }
    }

    private void editions(String text) {
        for (var row : Csv.parse(text, "factors/editions.csv").rows()) {
            var e = new Edition(row.get("edition"), row.get("label"), Integer.parseInt(row.get("consumption_year")),
                    row.get("co2e_basis"), row.get("subregion_source"), row.get("state_source"));
            editions.put(e.label().substring(0, e.label().indexOf(' ')), e);
        }
    }

    private void egrid(String text, String where, boolean subregions) {
        for (var row : Csv.parse(text, where).rows()) {
            var at = where + ", line " + row.line();
            var ed = editions.get(row.get("edition"));
            if (ed == null) {
                throw new IllegalArgumentException(at + ": edition '" + row.get("edition") + "' is not in editions.csv");
            }
            var region = subregions ? row.get("subregion") : row.get("state");
            boolean us = region.equals("US");
            if (us && !subregions) {
                continue; // the U.S. average is the subregion table's US row (same values)
            }
            var level = us ? "us" : subregions ? "subregion" : "state";
            var rowName = subregions ? region + " (" + row.get("name") + ")" : region;
            var source = (subregions ? ed.subregionSource() : ed.stateSource()) + ", row " + rowName;
            var series = "egrid/" + level + "/" + region;
            var co2 = decimal(row, "co2_lb_per_mwh", at);
            var co2e = decimal(row, "co2e_lb_per_mwh", at);
            boolean ghgGiven = !row.get("ch4_lb_per_mwh").isEmpty() && !row.get("n2o_lb_per_mwh").isEmpty();
            Set<String> publishedFor = ghgGiven ? Set.of("AR4") : Set.copyOf(GwpSets.NAMES);
            drafts.add(new CatalogIndex.Draft(series + "/co2e", publishedFor, ed.year(),
                    grid(ed.key() + "/" + level + "/" + region + "/co2e", region, co2e, AS_PUBLISHED,
                            source + ": CO2e " + co2e.toPlainString() + " lb/MWh as published"
                                    + (ed.co2eBasis().isEmpty() ? "" : " (" + ed.co2eBasis() + ")"),
                            ed.label())));
            if (ghgGiven) {
                var ch4 = decimal(row, "ch4_lb_per_mwh", at);
                var n2o = decimal(row, "n2o_lb_per_mwh", at);
                for (var set : List.of("AR5", "AR6")) {
                    var g = gwp.get(set);
                    var value = co2.add(ch4.multiply(g.ch4())).add(n2o.multiply(g.n2o()));
                    drafts.add(new CatalogIndex.Draft(series + "/co2e", Set.of(set), ed.year(),
                            grid(ed.key() + "/" + level + "/" + region + "/co2e/" + set, region, value, set,
                                    source + ": CO2e recomputed with " + set + " = CO2 " + co2.toPlainString()
                                            + " + CH4 " + ch4.toPlainString() + " x " + g.ch4().toPlainString()
                                            + " + N2O " + n2o.toPlainString() + " x " + g.n2o().toPlainString()
                                            + " lb/MWh",
                                    ed.label())));
                }
            }
            if (subregions) {
                var loss = decimal(row, "grid_gross_loss_pct", at);
                if (loss.signum() > 0) {
                    var id = ed.key() + "/" + level + "/" + region + "/loss";
                    drafts.add(new CatalogIndex.Draft(series + "/loss", Set.of(CatalogIndex.ANY_GWP), ed.year(),
                            new FactorVersion(id, FactorKind.GRID_LOSS, Scope.SCOPE_3, AccountingMethod.LOCATION_BASED,
                                    region, loss, "%", Units.toFraction(loss, "%"), Units.FRACTION, "n/a",
                                    source + ": grid gross loss " + loss.toPlainString() + " %", ed.label(),
                                    Instant.MIN, Instant.MAX, PROVIDER, false, "")));
                }
            }
        }
    }

    private static FactorVersion grid(String id, String region, BigDecimal lbPerMwh, String gwpSet, String source,
            String edition) {
        var rate = Units.toGramsPerUnit(lbPerMwh, "lb/MWh");
        return new FactorVersion(id, FactorKind.GRID_AVERAGE, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, region,
                lbPerMwh, "lb/MWh", rate.gramsPerUnit(), rate.perUnit(), gwpSet, source, edition, Instant.MIN,
                Instant.MAX, PROVIDER, false, "");
    }

    private void fuels(String text) {
        var where = "factors/stationary_combustion_factors.csv";
        var rows = new HashMap<String, Csv.Row>();
        for (var row : Csv.parse(text, where).rows()) {
            rows.put(row.get("fuel"), row);
        }
        for (var set : GwpSets.NAMES) {
            var g = gwp.get(set);
            var ng = fuel(rows, "natural_gas", where, g, "Natural Gas", "scf");
            add("natural_gas", "scf", ng.perNative(), ng, set, "");
            add("natural_gas", "m3", Units.divide(ng.perNative(), FT3_M3), ng, set,
                    "; per m3: 1 scf = 0.028316846592 m3");
            var th = fuel(rows, "natural_gas_per_therm", where, g, "Natural Gas (per therm)", "therm");
            add("natural_gas", "therm", th.perNative(), th, set, "");
            var dsl = fuel(rows, "distillate_fuel_oil_no2_diesel", where, g, "Distillate Fuel Oil No. 2", "gallon");
            for (var name : List.of("diesel", "fuel_oil")) {
                add(name, "gal", dsl.perNative(), dsl, set, " (US gallon)");
                add(name, "l", Units.divide(dsl.perNative(), GAL_L), dsl, set, "; per l: 1 US gal = 3.785411784 l");
                add(name, "m3", Units.divide(dsl.perNative(), GAL_M3), dsl, set,
                        "; per m3: 1 US gal = 0.003785411784 m3");
            }
            var pr = fuel(rows, "propane", where, g, "Propane (liquid)", "gallon");
            add("propane", "gal", pr.perNative(), pr, set, " (US gallon)");
            add("propane", "l", Units.divide(pr.perNative(), GAL_L), pr, set, "; per l: 1 US gal = 3.785411784 l");
            add("propane", "m3", Units.divide(pr.perNative(), GAL_M3), pr, set,
                    "; per m3: 1 US gal = 0.003785411784 m3");
            var pg = fuel(rows, "propane_gas", where, g, "Propane Gas", "scf");
            add("propane_gas", "scf", pg.perNative(), pg, set, "");
            add("propane_gas", "m3", Units.divide(pg.perNative(), FT3_M3), pg, set,
                    "; per m3: 1 scf = 0.028316846592 m3");
        }
    }

    /** One fuel row under one GWP set: g CO2e per native unit and the provenance text. */
    private record Fuel(BigDecimal perNative, BigDecimal co2PerMmbtu, String source) {
    }

    private static Fuel fuel(Map<String, Csv.Row> rows, String key, String where, GwpSets.GwpSet g, String label,
            String nativeUnit) {
        var row = rows.get(key);
        if (row == null) {
            throw new IllegalArgumentException(where + ": no row for fuel " + key);
        }
        var at = where + ", line " + row.line();
        var heat = decimal(row, "heat_content_hhv", at);
        var co2 = decimal(row, "co2_kg_per_mmbtu", at);
        var ch4 = decimal(row, "ch4_g_per_mmbtu", at);
        var n2o = decimal(row, "n2o_g_per_mmbtu", at);
        // kg CO2e per mmBtu = CO2 + (CH4 g x GWP + N2O g x GWP) / 1000; x heat content x 1000 g/kg = g per native unit
        var kgPerMmbtu = co2.add(ch4.multiply(g.ch4()).add(n2o.multiply(g.n2o())).movePointLeft(3));
        var perNative = kgPerMmbtu.multiply(heat).multiply(THOUSAND);
        var source = "US EPA GHG Emission Factors Hub (2024), Table 1 Stationary Combustion (40 CFR 98 Subpart C "
                + "Tables C-1, C-2), " + label + ": " + heat.toPlainString() + " mmBtu/" + nativeUnit + ", "
                + co2.toPlainString() + " kg CO2/mmBtu, " + ch4.toPlainString() + " g CH4/mmBtu, "
                + n2o.toPlainString() + " g N2O/mmBtu; CO2e = CO2 + CH4 x " + g.ch4().toPlainString() + " + N2O x "
                + g.n2o().toPlainString() + " (" + g.name() + ", CH4 non-fossil)";
        return new Fuel(perNative, co2, source);
    }

    private void add(String fuel, String unit, BigDecimal gramsPerUnit, Fuel f, String set, String note) {
        var id = "fuel/" + fuel + "/" + unit + "/" + set;
        drafts.add(new CatalogIndex.Draft("fuel/" + fuel + "/" + unit, new LinkedHashSet<>(List.of(set)), 0,
                new FactorVersion(id, FactorKind.FUEL, Scope.SCOPE_1, AccountingMethod.DIRECT, "", f.co2PerMmbtu(),
                        "kg CO2/mmBtu", gramsPerUnit, unit, set, f.source() + note, FUEL_EDITION, Instant.MIN,
                        Instant.MAX, PROVIDER, false, "")));
    }

    private static BigDecimal decimal(Csv.Row row, String column, String at) {
        var v = row.get(column);
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + ", column " + column + " = '" + v + "': expected a decimal number");
        }
    }
}
