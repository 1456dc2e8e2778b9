package org.gridprint.driver.bacnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;

class BacnetUnitsTest {

    static double kwh(EngineeringUnits u, double v) {
        return BacnetUnits.of(u).orElseThrow().toCanonical(v);
    }

    @Test
    void energyUnitsConvertToKilowattHours() {
        assertEquals(1.5, kwh(EngineeringUnits.wattHours, 1500), 1e-12);
        assertEquals(2000, kwh(EngineeringUnits.megawattHours, 2), 1e-9);
        // 1 Btu = 1055.05585262 J; 1 kWh = 3,600,000 J
        assertEquals(1055.05585262 / 3_600_000, kwh(EngineeringUnits.btus, 1), 1e-15);
        // 1 ton-hour = 12,000 Btu = 12,660,670.23 J = 3.516852842 kWh
        assertEquals(3.516852842, kwh(EngineeringUnits.tonHours, 1), 1e-8);
        // 1 therm = 100,000 Btu = 29.3071070 kWh
        assertEquals(29.3071070172, kwh(EngineeringUnits.therms, 1), 1e-8);
        assertEquals(1.0, kwh(EngineeringUnits.megajoules, 3.6), 1e-12);
        assertEquals("kWh", BacnetUnits.of(EngineeringUnits.kiloBtus).orElseThrow().canonical());
    }

    @Test
    void powerVolumeAndOthers() {
        assertEquals(12.5, BacnetUnits.of(EngineeringUnits.watts).orElseThrow().toCanonical(12_500), 1e-12);
        // 1 ton of refrigeration = 12,000 Btu/h = 3.516852842 kW
        assertEquals(3.516852842, BacnetUnits.of(EngineeringUnits.tonsRefrigeration).orElseThrow().toCanonical(1), 1e-8);
        assertEquals(0.028316846592, BacnetUnits.of(EngineeringUnits.cubicFeet).orElseThrow().toCanonical(1), 1e-15);
        assertEquals(0.25, BacnetUnits.of(EngineeringUnits.liters).orElseThrow().toCanonical(250), 1e-15);
        assertEquals("m3", BacnetUnits.of(EngineeringUnits.cubicMeters).orElseThrow().canonical());
    }

    @Test
    void unknownUnitsAreNotTranslated() {
        assertTrue(BacnetUnits.of(EngineeringUnits.degreesFahrenheit).isEmpty());
        assertTrue(BacnetUnits.of(EngineeringUnits.pascals).isEmpty());
        assertTrue(BacnetUnits.parse("furlongs").isEmpty());
    }

    @Test
    void parsesSymbolsAndBacnetNames() {
        assertEquals(EngineeringUnits.kilowattHours, BacnetUnits.parse("kWh").orElseThrow().bacnet());
        assertEquals(EngineeringUnits.kilowattHours, BacnetUnits.parse("kilowatt-hours").orElseThrow().bacnet());
        assertEquals(EngineeringUnits.tonHours, BacnetUnits.parse("ton-hours").orElseThrow().bacnet());
        assertEquals(EngineeringUnits.tonHours, BacnetUnits.parse("ton-h").orElseThrow().bacnet());
        assertEquals(EngineeringUnits.watts, BacnetUnits.parse("W").orElseThrow().bacnet());
        assertEquals(EngineeringUnits.megawatts, BacnetUnits.parse("MW").orElseThrow().bacnet());
        assertEquals(EngineeringUnits.milliwatts, BacnetUnits.parse("mW").orElseThrow().bacnet());
    }
}
