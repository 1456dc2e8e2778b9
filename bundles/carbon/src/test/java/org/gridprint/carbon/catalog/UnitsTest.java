package org.gridprint.carbon.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class UnitsTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static void assertRate(String expectedGrams, String expectedPer, String value, String unit) {
        var r = Units.toGramsPerUnit(d(value), unit);
        assertEquals(0, d(expectedGrams).compareTo(r.gramsPerUnit()),
                value + " " + unit + " -> " + r.gramsPerUnit().toPlainString() + " g/" + r.perUnit());
        assertEquals(expectedPer, r.perUnit());
    }

    @Test
    void electricityRatesConvertExactlyToGramsPerKwh() {
        // CAMX eGRID2022: 499.3 lb/MWh x 453.59237 g/lb / 1000 kWh/MWh = 226.478670341 g/kWh
        assertRate("226.478670341", "kWh", "499.3", "lb/MWh");
        assertRate("226.478670341", "kWh", "499.3", "lb CO2e / MWh");
        assertRate("226.478670341", "kWh", "499.3", "lbs/MWh");
        assertRate("226.5", "kWh", "226.5", "kg/MWh");
        assertRate("226.5", "kWh", "226.5", "g/kWh");
        assertRate("226.5", "kWh", "226.5", "gCO2eq/kWh");
        assertRate("226.5", "kWh", "0.2265", "kg/kWh");
        assertRate("226.5", "kWh", "0.2265", "t/MWh");
        assertRate("0.2265", "kWh", "0.0002265", "t/MWh");
        assertRate("45.359237", "kWh", "0.1", "lb/kWh");
        assertRate("226.5", "kWh", "0.2265", "g/Wh");
        assertRate("0.2265", "kWh", "226.5", "kg/GWh");
    }

    @Test
    void fuelRatesConvertToCubicMetresOrTherms() {
        // 1 scf = 0.028316846592 m3: 2 kg/scf = 2000 / 0.028316846592 g/m3 = 70629.33344297718050... -> 12 places
        var perScf = Units.toGramsPerUnit(d("2"), "kg/scf");
        assertEquals("m3", perScf.perUnit());
        assertEquals("70629.333442977181", perScf.gramsPerUnit().toPlainString());
        // 1 US gal = 0.003785411784 m3: 3.785411784 kg/gal = 1,000,000 g/m3 exactly
        assertRate("1000000", "m3", "3.785411784", "kg/gal");
        assertRate("1000000", "m3", "1", "kg/l");
        assertRate("1000", "m3", "1", "kg/m3");
        assertRate("1000", "m3", "1", "kg/m³");
        assertRate("5311.45", "therm", "5.31145", "kg/therm");
        assertRate("531.145", "therm", "5.31145", "kg/mmBtu");
        assertRate("20000", "m3", "566.33693184", "kg/Mcf");
    }

    @Test
    void nonTerminatingQuotientsRoundHalfEvenAtTwelvePlaces() {
        var r = Units.toGramsPerUnit(d("54.495477"), "g/scf");
        // 54.495477 / 0.028316846592 = 1924.48960808354687575... -> 1924.489608083547
        assertEquals("1924.489608083547", r.gramsPerUnit().toPlainString());
    }

    @Test
    void unknownUnitsAreRefusedNamingTheUnitAndTheAcceptedOnes() {
        for (var unit : new String[] {"kg/furlong", "stone/MWh", "lb", "", "kg/MWh/h", "lb_co2_per_mwh"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Units.toGramsPerUnit(BigDecimal.ONE, unit));
            assertTrue(e.getMessage().contains("unit '" + unit + "' is not known"), e.getMessage());
            assertTrue(e.getMessage().contains("lb/MWh") && e.getMessage().contains("scf")
                    && e.getMessage().contains("therm"), e.getMessage());
        }
    }

    @Test
    void sharesAreFractionsBelowOne() {
        assertEquals(0, d("0.051").compareTo(Units.toFraction(d("5.1"), "%")));
        assertEquals(0, d("0.051").compareTo(Units.toFraction(d("0.051"), "fraction")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.toFraction(d("100"), "%")).getMessage()
                .contains("below 100 %"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.toFraction(d("5"), "g/kWh"))
                .getMessage().contains("expected % or fraction"));
    }

    @Test
    void amountsConvertExactlyToTheirCanonicalUnit() {
        var gas = Units.toCanonicalAmount(d("50000"), "scf");
        // 50,000 x 0.028316846592 = 1415.8423296 m3
        assertEquals(0, d("1415.8423296").compareTo(gas.value()));
        assertEquals("m3", gas.unit());
        assertEquals(0, d("378.5411784").compareTo(Units.toCanonicalAmount(d("100000"), "gal").value()));
        assertEquals(0, d("3500").compareTo(Units.toCanonicalAmount(d("3.5"), "MWh").value()));
        assertEquals("kWh", Units.toCanonicalAmount(d("3.5"), "MWh").unit());
        assertEquals(0, d("12000").compareTo(Units.toCanonicalAmount(d("1200"), "mmBtu").value()));
        var e = assertThrows(IllegalArgumentException.class, () -> Units.toCanonicalAmount(d("1"), "barrel"));
        assertTrue(e.getMessage().startsWith("unit 'barrel' is not known: expected one of Wh, kWh"), e.getMessage());
    }
}
