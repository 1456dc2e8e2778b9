package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class IntensityUnitsTest {

    @Test
    void camxEgrid2022ConvertsExactly() {
        // 499.3 lb/MWh x 0.45359237 kg/lb = 226.478670341 kg/MWh = g/kWh (1,000 kWh -> 226.48 kg)
        var g = IntensityUnits.gramsPerKwh(new BigDecimal("499.3"), "lb/MWh");
        assertEquals(0, g.compareTo(new BigDecimal("226.478670341")), g.toPlainString());
        assertEquals(0, g.multiply(new BigDecimal("1000")).compareTo(new BigDecimal("226478.670341")));
    }

    @Test
    void providerSpellingsAreCanonicalised() {
        assertEquals("lb/MWh", IntensityUnits.canonical("lbs_co2_per_mwh"));
        assertEquals("g/kWh", IntensityUnits.canonical("gCO2eq/kWh"));
        assertEquals("kg/MWh", IntensityUnits.canonical("kg/MWh"));
        assertEquals(0, IntensityUnits.gramsPerKwh(new BigDecimal("0.25"), "t/MWh").compareTo(new BigDecimal("250")));
        assertEquals(0, IntensityUnits.gramsPerKwh(new BigDecimal("302"), "gCO2eq/kWh").compareTo(
                new BigDecimal("302")));
    }

    @Test
    void unknownUnitIsRefusedNamingItAndTheAcceptedOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> IntensityUnits.canonical("mg/Wh"));
        assertTrue(e.getMessage().contains("'mg/Wh'"), e.getMessage());
        assertTrue(e.getMessage().contains("lb/MWh") && e.getMessage().contains("g/kWh"), e.getMessage());
    }
}
