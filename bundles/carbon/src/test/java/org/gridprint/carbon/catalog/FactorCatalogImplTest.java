package org.gridprint.carbon.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorCatalog.Selection;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;

class FactorCatalogImplTest {

    private final FakeRegister register = new FakeRegister();
    private final FactorCatalogImpl catalog = new FactorCatalogImpl(register, null, null);

    private static final Instant MID_2022 = Instant.parse("2022-07-01T12:00:00Z");
    private static final Instant MID_2023 = Instant.parse("2023-07-01T12:00:00Z");
    private static final Instant MID_2024 = Instant.parse("2024-03-10T08:00:00Z");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), "expected " + expected + ", was " + actual.toPlainString());
    }

    private Selection select(String series, Instant at, String gwp) {
        return catalog.select(series, at, gwp).orElseThrow(() -> new AssertionError("no factor for " + series));
    }

    @Test
    void camx2022ThousandKwhIs226Point48Kg() {
        var s = select("egrid/subregion/CAMX/co2e", MID_2022, "AR4");
        var f = s.factor();
        assertEquals("egrid2022/subregion/CAMX/co2e", f.id());
        assertFalse(s.latestPublished());
        assertDecimal("499.3", f.publishedValue());
        assertEquals("lb/MWh", f.publishedUnit());
        assertEquals("kWh", f.perUnit());
        // 499.3 lb/MWh x 0.45359237 kg/lb = 226.478670341 kg/MWh = g/kWh
        assertDecimal("226.478670341", f.gramsPerUnit());
        // 1,000 kWh -> 226,478.670341 g = 226.48 kg
        assertDecimal("226.48", f.gramsPerUnit().multiply(d("1000")).movePointLeft(3).setScale(2, RoundingMode.HALF_EVEN));
        assertEquals("AR4 (as published)", f.gwpSet());
        assertEquals("eGRID2022 (2024-01-30)", f.edition());
        assertTrue(f.source().contains("Table 1") && f.source().contains("CAMX (WECC California)"), f.source());
        assertEquals(FactorKind.GRID_AVERAGE, f.kind());
        assertEquals(Scope.SCOPE_2, f.scope());
        assertEquals(AccountingMethod.LOCATION_BASED, f.method());
        assertEquals(Instant.MIN, f.validFrom(), "the earliest edition also serves earlier years");
        assertEquals(Instant.parse("2023-01-01T00:00:00Z"), f.validTo());
    }

    @Test
    void ar5AndAr6RecomputeCo2eFromCo2Ch4N2oWhereGiven() {
        // CAMX 2022: CO2 497.4, CH4 0.030, N2O 0.004 lb/MWh
        var ar5 = select("egrid/subregion/CAMX/co2e", MID_2022, "AR5").factor();
        assertEquals("egrid2022/subregion/CAMX/co2e/AR5", ar5.id());
        assertEquals("AR5", ar5.gwpSet());
        // 497.4 + 0.030 x 28 + 0.004 x 265 = 497.4 + 0.84 + 1.06 = 499.3
        assertDecimal("499.3", ar5.publishedValue());
        assertDecimal("226.478670341", ar5.gramsPerUnit());
        var ar6 = select("egrid/subregion/CAMX/co2e", MID_2022, "ar6").factor();
        assertEquals("egrid2022/subregion/CAMX/co2e/AR6", ar6.id());
        // 497.4 + 0.030 x 27.0 + 0.004 x 273 = 497.4 + 0.81 + 1.092 = 499.302 lb/MWh
        assertDecimal("499.302", ar6.publishedValue());
        // 499.302 x 0.45359237 = 226.47957752574 g/kWh
        assertDecimal("226.47957752574", ar6.gramsPerUnit());
        assertTrue(ar6.source().contains("CH4 0.030 x 27.0") && ar6.source().contains("N2O 0.004 x 273"), ar6.source());
    }

    @Test
    void rev2HasNoCh4N2oSoAr5UsesThePublishedCo2eAndSaysSo() {
        var s = select("egrid/subregion/CAMX/co2e", MID_2023, "AR5");
        assertFalse(s.latestPublished());
        assertEquals("egrid2023rev2/subregion/CAMX/co2e", s.factor().id());
        assertEquals("AR4 (as published)", s.factor().gwpSet());
        assertEquals("eGRID2023rev2 (2025-06)", s.factor().edition());
        // 429.983 lb/MWh x 0.45359237 = (430 x 453.59237 - 0.017 x 453.59237) / 1000 = 195.03700802971 g/kWh
        assertDecimal("195.03700802971", s.factor().gramsPerUnit());
    }

    @Test
    void consumption2024UsesTheLatestPublishedEditionAndSaysSo() {
        var s = select("egrid/subregion/CAMX/co2e", MID_2024, "AR4");
        assertEquals("egrid2023rev2/subregion/CAMX/co2e", s.factor().id());
        assertTrue(s.latestPublished());
        assertEquals(Instant.parse("2023-01-01T00:00:00Z"), s.factor().validFrom());
        assertEquals(Instant.MAX, s.factor().validTo());
        // the same factor version (and ref) as for 2023 itself
        assertEquals(select("egrid/subregion/CAMX/co2e", MID_2023, "AR4").ref(), s.ref());
        // a year before the first edition: the earliest edition, also flagged
        var early = select("egrid/subregion/CAMX/co2e", Instant.parse("2021-12-31T23:59:59Z"), "AR4");
        assertEquals("egrid2022/subregion/CAMX/co2e", early.factor().id());
        assertTrue(early.latestPublished());
        // the policy is per series: state rates have eGRID2022 only
        var state = select("egrid/state/CA/co2e", MID_2023, "AR4");
        assertEquals("egrid2022/state/CA/co2e", state.factor().id());
        assertTrue(state.latestPublished());
        assertDecimal("457.5", state.factor().publishedValue());
        assertTrue(catalog.policy().contains("latest published") && catalog.policy().contains("LATEST_PUBLISHED"));
    }

    @Test
    void editionsChangeExactlyAtTheYearBoundaryInUtc() {
        var last2022 = select("egrid/us/US/co2e", Instant.parse("2022-12-31T23:59:59.999Z"), "AR4");
        var first2023 = select("egrid/us/US/co2e", Instant.parse("2023-01-01T00:00:00Z"), "AR4");
        assertEquals("egrid2022/us/US/co2e", last2022.factor().id());
        assertDecimal("827.5", last2022.factor().publishedValue());
        assertEquals("egrid2023rev2/us/US/co2e", first2023.factor().id());
        assertDecimal("770.884", first2023.factor().publishedValue());
        assertFalse(first2023.latestPublished());
    }

    @Test
    void gridLossIsAFractionAndUnknownLossShipsNothing() {
        var loss = select("egrid/subregion/CAMX/loss", MID_2022, "AR5").factor();
        assertEquals("egrid2022/subregion/CAMX/loss", loss.id());
        assertEquals(FactorKind.GRID_LOSS, loss.kind());
        assertEquals(Scope.SCOPE_3, loss.scope());
        assertDecimal("0.051", loss.gramsPerUnit());
        assertEquals("fraction", loss.perUnit());
        assertDecimal("5.1", loss.publishedValue());
        assertEquals("%", loss.publishedUnit());
        // PRMS eGRID2022 loss is 0.0 = unknown: no egrid2022 PRMS loss; 2022 consumption gets rev2's (flagged)
        assertTrue(catalog.factor("egrid2022/subregion/PRMS/loss").isEmpty());
        var prms = select("egrid/subregion/PRMS/loss", MID_2022, "AR4");
        assertEquals("egrid2023rev2/subregion/PRMS/loss", prms.factor().id());
        assertTrue(prms.latestPublished());
        assertDecimal("0.042", prms.factor().gramsPerUnit());
    }

    @Test
    void naturalGasScope1UnderAr5AndAr6ByHand() {
        // EPA Hub 2024 Table 1 natural gas: 0.001026 mmBtu/scf, 53.06 kg CO2, 1.0 g CH4, 0.10 g N2O per mmBtu
        // AR5: 53.06 + (1.0 x 28 + 0.10 x 265) / 1000 = 53.1145 kg/mmBtu; x 0.001026 = 0.054495477 kg/scf
        var scf5 = select("fuel/natural_gas/scf", MID_2024, "AR5");
        assertEquals("fuel/natural_gas/scf/AR5", scf5.factor().id());
        assertFalse(scf5.latestPublished(), "fuel factors are not year-specific");
        assertDecimal("54.495477", scf5.factor().gramsPerUnit());
        assertEquals(Scope.SCOPE_1, scf5.factor().scope());
        assertEquals(AccountingMethod.DIRECT, scf5.factor().method());
        assertEquals(FactorKind.FUEL, scf5.factor().kind());
        // per m3: 54.495477 / 0.028316846592 = 1924.48960808354687... -> 1924.489608083547 g/m3
        var m35 = select("fuel/natural_gas/m3", MID_2024, "AR5").factor();
        assertEquals("m3", m35.perUnit());
        assertDecimal("1924.489608083547", m35.gramsPerUnit());
        // 1,000 m3 of gas under AR5: 1,924,489.608 g = 1,924.49 kg CO2e
        assertDecimal("1924.49", m35.gramsPerUnit().multiply(d("1000")).movePointLeft(3).setScale(2,
                RoundingMode.HALF_EVEN));
        // AR6: 53.06 + (1.0 x 27.0 + 0.10 x 273) / 1000 = 53.1143; x 0.001026 = 0.0544952718 kg/scf
        assertDecimal("54.4952718", select("fuel/natural_gas/scf", MID_2024, "AR6").factor().gramsPerUnit());
        // 54.4952718 / 0.028316846592 = 1924.48236151393562... -> 1924.482361513936
        var m36 = select("fuel/natural_gas/m3", MID_2024, "AR6").factor();
        assertEquals("fuel/natural_gas/m3/AR6", m36.id());
        assertDecimal("1924.482361513936", m36.gramsPerUnit());
        assertEquals("AR6", m36.gwpSet());
        assertTrue(m36.source().contains("CH4 x 27.0") && m36.source().contains("0.028316846592"), m36.source());
        // AR4: 53.06 + (25 + 29.8) / 1000 = 53.1148; x 0.001026 = 0.0544957848 kg/scf
        assertDecimal("54.4957848", select("fuel/natural_gas/scf", MID_2024, "AR4").factor().gramsPerUnit());
        // per therm (0.1 mmBtu): 53.1145 x 0.1 = 5.31145 kg
        assertDecimal("5311.45", select("fuel/natural_gas/therm", MID_2024, "AR5").factor().gramsPerUnit());
    }

    @Test
    void dieselFuelOilAndPropanePerGallonLitreAndCubicMetre() {
        // Distillate No. 2: 0.138 mmBtu/gal, 73.96 kg CO2, 3.0 g CH4, 0.60 g N2O per mmBtu
        // AR5: 73.96 + (84 + 159) / 1000 = 74.203 kg/mmBtu; x 0.138 = 10.240014 kg/gal
        assertDecimal("10240.014", select("fuel/diesel/gal", MID_2024, "AR5").factor().gramsPerUnit());
        assertDecimal("10240.014", select("fuel/fuel_oil/gal", MID_2024, "AR5").factor().gramsPerUnit());
        // per m3: 10240.014 / 0.003785411784 = 2705125.51455617278756... -> 2705125.514556172788
        assertDecimal("2705125.514556172788", select("fuel/diesel/m3", MID_2024, "AR5").factor().gramsPerUnit());
        // propane: 0.091 x (62.87 + (3.0 x 25 + 0.60 x 298) / 1000) = 0.091 x 63.1238 = 5.7442658 kg/gal (AR4)
        assertDecimal("5744.2658", select("fuel/propane/gal", MID_2024, "AR4").factor().gramsPerUnit());
        // per litre: 5744.2658 / 3.785411784, rounded at 12 places: times 3.785411784 gives it back within 1e-11
        var l = select("fuel/propane/l", MID_2024, "AR4").factor().gramsPerUnit();
        assertTrue(l.multiply(d("3.785411784")).subtract(d("5744.2658")).abs().compareTo(d("1e-11")) < 0, l.toPlainString());
    }

    @Test
    void unknownGwpSetAndUnknownSeries() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> catalog.select("egrid/subregion/CAMX/co2e", MID_2022, "SAR"));
        assertTrue(e.getMessage().contains("gwpSet = 'SAR'") && e.getMessage().contains("AR4, AR5, AR6"),
                e.getMessage());
        assertTrue(catalog.select("egrid/subregion/XXXX/co2e", MID_2022, "AR4").isEmpty());
        assertTrue(catalog.select("operator/none", MID_2022, "AR4").isEmpty());
    }

    @Test
    void selectRegistersOnceAndRefsResolveAfterARestart() {
        var first = select("egrid/subregion/CAMX/co2e", MID_2022, "AR4");
        int puts = register.puts;
        var again = select("egrid/subregion/CAMX/co2e", Instant.parse("2022-11-01T00:00:00Z"), "AR4");
        assertEquals(first.ref(), again.ref());
        assertEquals(puts, register.puts, "a known factor is not written again");
        var record = register.byRef(first.ref()).orElseThrow();
        assertEquals("factor", record.register());
        assertEquals("egrid2022/subregion/CAMX/co2e", record.key());
        assertTrue(record.text().contains("gramsPerUnit=226.478670341\n"), record.text());
        assertTrue(record.text().contains("validFrom=-1000000000-01-01T00:00:00Z\n"), record.text());
        // another catalog on the same register (a restart) resolves the ref and registers nothing new
        var restarted = new FactorCatalogImpl(register, null, null);
        assertEquals(first.factor(), restarted.byRef(first.ref()).orElseThrow());
        assertEquals(first.ref(), restarted.select("egrid/subregion/CAMX/co2e", MID_2022, "AR4").orElseThrow().ref());
        assertEquals(1, register.history("factor", "egrid2022/subregion/CAMX/co2e").size());
        assertTrue(restarted.byRef(999_999).isEmpty());
    }

    @Test
    void intensityDerivedFactorsAreRegisteredIdempotentlyAndReadBack() {
        var f = new FactorVersion("intensity/uk-ci/13/2026-12-06T10:00Z", FactorKind.GRID_AVERAGE, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, "13", d("263.0"), "g/kWh", d("263.0"), "kWh", "as published",
                "National Grid ESO Carbon Intensity API, regional, London", "actual", Instant.parse(
                        "2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:30:00Z"), "uk-ci", false, "");
        long ref = catalog.register(f);
        assertEquals(ref, catalog.register(f));
        assertTrue(ref > 0);
        var back = new FactorCatalogImpl(register, null, null).byRef(ref).orElseThrow();
        assertEquals(f.id(), back.id());
        assertDecimal("263", back.gramsPerUnit());
        assertEquals("263", back.gramsPerUnit().toPlainString(), "canonical form");
        assertEquals(f.validTo(), back.validTo());
        assertEquals(back, new FactorCatalogImpl(register, null, null).factor(f.id()).orElseThrow());
        // a corrected value is a new version under the same id, the old ref still resolves to the old value
        var corrected = new FactorVersion(f.id(), f.kind(), f.scope(), f.method(), f.region(), d("270"), "g/kWh",
                d("270"), "kWh", f.gwpSet(), f.source(), f.edition(), f.validFrom(), f.validTo(), f.provider(), false, "");
        long ref2 = catalog.register(corrected);
        assertNotEquals(ref, ref2);
        assertDecimal("263", new FactorCatalogImpl(register, null, null).byRef(ref).orElseThrow().gramsPerUnit());
        assertEquals(2, register.history("factor", f.id()).size());
    }

    @Test
    void aTamperedFactorTextIsAClearError() {
        long ref = select("egrid/subregion/CAMX/co2e", MID_2022, "AR4").ref();
        register.overwrite(ref, register.byRef(ref).orElseThrow().text().replace("gramsPerUnit=226.478670341",
                "gramsPerUnit=22x"));
        var e = assertThrows(IllegalStateException.class, () -> new FactorCatalogImpl(register, null, null).byRef(ref));
        assertTrue(e.getMessage().contains("register factor ref " + ref) && e.getMessage().contains("gramsPerUnit")
                && e.getMessage().contains("22x"), e.getMessage());
    }

    @Test
    void listingFiltersByIdRegionEditionOrSource() {
        var camx = catalog.factors("camx");
        assertTrue(camx.stream().allMatch(f -> f.id().contains("CAMX")), camx.toString());
        // 2022: co2e, /AR5, /AR6, loss; 2023rev2: co2e, loss
        assertEquals(6, camx.size(), camx.stream().map(FactorVersion::id).toList().toString());
        assertTrue(catalog.factors("").size() > 300);
        assertTrue(catalog.factors("Emission Factors Hub").stream().allMatch(f -> f.kind() == FactorKind.FUEL));
        var ids = catalog.factors("").stream().map(FactorVersion::id).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "sorted by id");
    }
}
