package org.gridprint.carbon.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.EventKeys;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class OperatorFactorsTest {

    private static final String HEADER = "series,value,unit,kind,source,edition,validFrom,validTo,region\n";

    @TempDir
    Path dir;

    private final FakeRegister register = new FakeRegister();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }
    };

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static List<String> problems(String text) {
        return assertInstanceOf(OperatorFactors.Failed.class, OperatorFactors.parse(text, "etc/f.csv")).problems();
    }

    private static void assertProblem(String text, String... parts) {
        var p = problems(text);
        assertEquals(1, p.size(), p.toString());
        for (var part : parts) {
            assertTrue(p.get(0).contains(part), "'" + part + "' not in: " + p.get(0));
        }
    }

    @Test
    void supplierRatesChainTheirValidityAndAreSelectedByTime() throws IOException {
        Files.writeString(dir.resolve("supplier.csv"), """
                # PG&E power content label, delivered electricity
                series,value,unit,kind,source,edition,validFrom,validTo,region,gwpSet
                pge,0.456,lb/MWh,SUPPLIER_SPECIFIC,"PG&E, 2023 Power Content Label, row Base Plan",2023 (2024-07),2024-01-01,,CAMX,
                pge,210,g/kWh,SUPPLIER_SPECIFIC,"PG&E, 2024 Power Content Label",2024 (2025-07),2025-01-01,,CAMX,AR5
                residual,380.5,kg/MWh,RESIDUAL_MIX,Green-e Residual Mix 2023,2023,2024-01-01T00:00:00-08:00,2025-01-01T00:00:00-08:00,US-WECC,
                """);
        var catalog = new FactorCatalogImpl(register, dir, eventAdmin);
        var first = catalog.select("operator/pge", Instant.parse("2024-06-01T00:00:00Z"), "AR4").orElseThrow();
        var f = first.factor();
        assertEquals("operator/pge/2024-01-01", f.id());
        assertFalse(first.latestPublished());
        // 0.456 lb/MWh x 453.59237 g/lb / 1000 = 0.20683812072 g/kWh
        assertEquals(0, d("0.20683812072").compareTo(f.gramsPerUnit()), f.gramsPerUnit().toPlainString());
        assertEquals(FactorKind.SUPPLIER_SPECIFIC, f.kind());
        assertEquals(Scope.SCOPE_2, f.scope());
        assertEquals(AccountingMethod.MARKET_BASED, f.method());
        assertEquals("PG&E, 2023 Power Content Label, row Base Plan", f.source());
        assertEquals("operator", f.provider());
        assertEquals("as published", f.gwpSet());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), f.validTo(), "open end: until the next row");
        var second = catalog.select("operator/pge", Instant.parse("2026-02-01T00:00:00Z"), "AR6").orElseThrow();
        assertEquals("operator/pge/2025-01-01", second.factor().id());
        assertEquals(Instant.MAX, second.factor().validTo());
        assertEquals("AR5", second.factor().gwpSet());
        assertTrue(catalog.select("operator/pge", Instant.parse("2023-12-31T23:00:00Z"), "AR4").isEmpty(),
                "before the first row: no factor");
        var residual = catalog.select("operator/residual", Instant.parse("2024-01-01T08:00:00Z"), "AR4").orElseThrow();
        assertEquals("operator/residual/2024-01-01T08:00:00Z", residual.factor().id());
        assertEquals(0, d("380.5").compareTo(residual.factor().gramsPerUnit()));
        assertTrue(catalog.select("operator/residual", Instant.parse("2024-01-01T07:59:59Z"), "AR4").isEmpty());
        assertEquals(3, catalog.factors("operator/").size());
        assertTrue(catalog.problems().isEmpty());
        assertTrue(events.isEmpty());
        // the ref resolves after a restart
        assertEquals(f, new FactorCatalogImpl(register, null, null).byRef(first.ref()).orElseThrow());
    }

    @Test
    void fuelAndLossRowsAndDefaultsByKind() {
        var r = assertInstanceOf(OperatorFactors.Loaded.class, OperatorFactors.parse("""
                series,value,unit,kind,source,edition,validFrom
                biogas,0.2,kg/m3,FUEL,own lab analysis,2024,2024-01-01
                de-loss,4.0,%,GRID_LOSS,BNetzA,2023,2023-01-01
                de-grid,380,g/kWh,grid_average,UBA,2024,2024-01-01
                """, "etc/f.csv"));
        assertEquals(3, r.drafts().size());
        var fuel = r.drafts().stream().filter(x -> x.series().equals("operator/biogas")).findFirst().orElseThrow()
                .factor();
        assertEquals(Scope.SCOPE_1, fuel.scope());
        assertEquals(AccountingMethod.DIRECT, fuel.method());
        assertEquals("m3", fuel.perUnit());
        assertEquals(0, d("200").compareTo(fuel.gramsPerUnit()));
        var loss = r.drafts().stream().filter(x -> x.series().equals("operator/de-loss")).findFirst().orElseThrow()
                .factor();
        assertEquals(0, d("0.04").compareTo(loss.gramsPerUnit()));
        assertEquals(Scope.SCOPE_3, loss.scope());
        var grid = r.drafts().stream().filter(x -> x.series().equals("operator/de-grid")).findFirst().orElseThrow()
                .factor();
        assertEquals(AccountingMethod.LOCATION_BASED, grid.method());
    }

    @Test
    void errorsNameFileLineFieldValueAndExpectation() {
        assertProblem(HEADER + "pge,4.5.6,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n",
                "etc/f.csv, line 2, column value = '4.5.6': expected a decimal number");
        assertProblem(HEADER + "pge,-1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n", "line 2, column value = '-1'", ">= 0");
        assertProblem(HEADER + "pge,1,kg/furlong,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n",
                "line 2, column unit = 'kg/furlong'", "is not known", "lb/MWh");
        assertProblem(HEADER + "pge,1,kg/m3,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n",
                "column unit = 'kg/m3'", "per electric energy");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER,s,e,2024-01-01,,\n", "column kind = 'SUPPLIER'",
                "SUPPLIER_SPECIFIC, RESIDUAL_MIX");
        assertProblem(HEADER + "pge,1,g/kWh,GRID_MARGINAL,s,e,2024-01-01,,\n", "column kind = 'GRID_MARGINAL'",
                "marginal rates never price");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,,e,2024-01-01,,\n", "column source = ''",
                "publisher, table, row");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,s,e,01/01/2024,,\n", "column validFrom = '01/01/2024'",
                "2024-01-01");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,2023-01-01,\n",
                "column validTo = '2023-01-01'", "after validFrom 2024-01-01");
        assertProblem(HEADER + "p g e,1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n", "column series = 'p g e'");
        assertProblem(HEADER + "loss,5,g/kWh,GRID_LOSS,s,e,2024-01-01,,\n",
                "line 2, column unit = 'g/kWh' (kind GRID_LOSS)", "expected % or fraction");
        assertProblem("series,value,unit,kind,source,edition,validFrom,scope\n"
                + "pge,1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,SCOPE_1\n",
                "line 2, columns scope/method = 'SCOPE_1'/'MARKET_BASED'", "expects SCOPE_2 and MARKET_BASED");
        assertProblem("series,value,unit,kind,source,edition\npge,1,g/kWh,SUPPLIER_SPECIFIC,s,e\n",
                "etc/f.csv: column 'validFrom' is missing");
        assertProblem("series,value,unit,kind,source,edition,validFrom,colour\n", "column 'colour' is not known");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,\"s,e,2024-01-01,,\n", "line 2: unbalanced double quote");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,CA,extra\n", "line 2: 10 fields",
                "at most 9");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,2025-06-01,\n"
                + "pge,2,g/kWh,SUPPLIER_SPECIFIC,s,e,2025-01-01,,\n",
                "line 2, column validTo = '2025-06-01T00:00:00Z': overlaps line 3");
        assertProblem(HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n"
                + "pge,2,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n", "lines 2 and 3", "two rows with validFrom");
        // every bad row is reported, not just the first
        assertEquals(2, problems(HEADER + "a,x,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n"
                + "b,1,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-13-01,,\n").size());
    }

    @Test
    void aBrokenEditKeepsTheLastGoodFactorsAndRaisesOneAlarmUntilFixed() throws IOException {
        var file = dir.resolve("supplier.csv");
        Files.writeString(file, HEADER + "pge,200,g/kWh,SUPPLIER_SPECIFIC,label 2024,2024,2024-01-01,,\n");
        var catalog = new FactorCatalogImpl(register, dir, eventAdmin);
        var at = Instant.parse("2024-05-01T00:00:00Z");
        assertEquals(0, d("200").compareTo(catalog.select("operator/pge", at, "AR4").orElseThrow().factor()
                .gramsPerUnit()));
        assertFalse(catalog.rescan(), "nothing changed");

        Files.writeString(file, HEADER + "pge,2OO,g/kWh,SUPPLIER_SPECIFIC,label 2024,2024,2024-01-01,,\n");
        assertFalse(catalog.rescan(), "a broken file changes nothing");
        assertEquals(0, d("200").compareTo(catalog.select("operator/pge", at, "AR4").orElseThrow().factor()
                .gramsPerUnit()), "the last good factors stay in use");
        assertEquals(1, events.size());
        var raised = events.get(0);
        assertEquals("gridprint/alarms/CONFIG_ERROR", raised.getTopic());
        assertEquals(EventKeys.RAISED, raised.getProperty(EventKeys.ALARM_STATE));
        assertEquals(file.toString(), raised.getProperty(EventKeys.SOURCE));
        assertTrue(String.valueOf(raised.getProperty(EventKeys.MESSAGE)).contains(file + ", line 2, column value = '2OO'"));
        assertEquals(1, catalog.problems().get(file).size());
        catalog.rescan();
        Files.writeString(file, HEADER + "pge,2OO,g/kWh,SUPPLIER_SPECIFIC,label 2024,2024,2024-01-01,,\n");
        catalog.rescan();
        assertEquals(1, events.size(), "one alarm while the problem lasts");

        Files.writeString(file, HEADER + "pge,210,g/kWh,SUPPLIER_SPECIFIC,label 2024 rev,2024,2024-01-01,,\n");
        assertTrue(catalog.rescan());
        var corrected = catalog.select("operator/pge", at, "AR4").orElseThrow();
        assertEquals(0, d("210").compareTo(corrected.factor().gramsPerUnit()));
        assertEquals(2, events.size());
        assertEquals(EventKeys.CLEARED, events.get(1).getProperty(EventKeys.ALARM_STATE));
        assertTrue(catalog.problems().isEmpty());
        // the changed factor is a new version of the same id; both stay in the register
        assertTrue(corrected.ref() > 0);
        assertEquals(2, register.history("factor", "operator/pge/2024-01-01").size());

        Files.delete(file);
        assertTrue(catalog.rescan());
        assertTrue(catalog.select("operator/pge", at, "AR4").isEmpty(), "a removed file removes its factors");
    }

    @Test
    void aSeriesBelongsToOneFile() throws IOException {
        Files.writeString(dir.resolve("a.csv"), HEADER + "pge,200,g/kWh,SUPPLIER_SPECIFIC,s,e,2024-01-01,,\n");
        Files.writeString(dir.resolve("b.csv"), HEADER + "pge,300,g/kWh,SUPPLIER_SPECIFIC,s,e,2025-01-01,,\n"
                + "other,1,g/kWh,RESIDUAL_MIX,s,e,2025-01-01,,\n");
        Files.writeString(dir.resolve("notes.txt"), "not a factor file");
        var catalog = new FactorCatalogImpl(register, dir, eventAdmin);
        assertTrue(catalog.select("operator/pge", Instant.parse("2025-06-01T00:00:00Z"), "AR4").orElseThrow()
                .factor().id().equals("operator/pge/2024-01-01"));
        assertTrue(catalog.select("operator/other", Instant.parse("2025-06-01T00:00:00Z"), "AR4").isEmpty());
        var p = catalog.problems().get(dir.resolve("b.csv"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("series operator/pge is already defined in " + dir.resolve("a.csv")), p.get(0));
        assertEquals(1, events.size());
    }

    @Test
    void aFileThatIsNotUtf8IsAProblemNamingIt() throws IOException {
        var file = dir.resolve("latin1.csv");
        Files.write(file, (HEADER + "pge,1,g/kWh,SUPPLIER_SPECIFIC,Energie \u00e9lectrique,e,2024-01-01,,\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        var catalog = new FactorCatalogImpl(register, dir, eventAdmin);
        assertEquals(List.of(file + ": not UTF-8 text: expected a CSV file in UTF-8"), catalog.problems().get(file));
    }

    @Test
    void theExampleFileInConfigIsValid() throws IOException {
        var example = Path.of("../../config/factors/operator-factors-example.csv.disabled");
        var r = assertInstanceOf(OperatorFactors.Loaded.class,
                OperatorFactors.parse(Files.readString(example), example.toString()));
        assertEquals(3, r.drafts().size());
        var first = r.drafts().get(0).factor();
        assertEquals("operator/example-residual/2024-01-01", first.id());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), first.validTo());
    }
}
