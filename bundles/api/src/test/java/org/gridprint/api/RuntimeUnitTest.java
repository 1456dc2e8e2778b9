package org.gridprint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** RUNTIME (running hours) can be reported in h, min or s and is stored in h. */
class RuntimeUnitTest {

    @Test
    void hourMinuteAndSecondConvertToHours() {
        assertEquals(Optional.of(Unit.HOUR), Unit.parse("h"));
        assertEquals(Optional.of(Unit.MINUTE), Unit.parse("min"));
        assertEquals(Optional.of(Unit.SECOND), Unit.parse("s"));
        assertEquals(Optional.of(Unit.SECOND), Unit.parse("SECOND"));
        assertEquals(12_406.25, Unit.HOUR.toCanonical(12_406.25), 0.0);
        assertEquals(1.5, Unit.MINUTE.toCanonical(90), 1e-12);
        assertEquals(2.0, Unit.SECOND.toCanonical(7_200), 1e-12);
        for (var u : new Unit[] {Unit.HOUR, Unit.MINUTE, Unit.SECOND}) {
            assertTrue(Quantity.RUNTIME.accepts(u), u.name());
            assertFalse(Quantity.ACTIVE_ENERGY_IMPORT.accepts(u), u.name());
        }
        assertFalse(Quantity.RUNTIME.accepts(Unit.KWH));
        assertEquals("h", Quantity.RUNTIME.canonicalUnit());
    }
}
