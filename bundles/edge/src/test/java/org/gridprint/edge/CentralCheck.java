package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.store.derby.DerbyStore;

/** What the central must hold after everything was forwarded: each poll of each meter exactly once, in order. */
final class CentralCheck {

    private CentralCheck() {
    }

    static void exactlyOnceInOrder(DerbyStore central, List<Meter> meters, Instant t0, long polls,
            long intervalMillis) {
        assertEquals(meters.size() * polls, central.readingCount(), "readings at the central");
        for (var m : meters) {
            var got = central.readings(m.id(), Quantity.ACTIVE_ENERGY_IMPORT, t0,
                    t0.plusMillis(polls * intervalMillis));
            assertEquals(polls, got.size(), m.id() + ": readings");
            for (int k = 0; k < got.size(); k++) {
                var r = got.get(k);
                // poll k of the generator: value k at t0 + k * interval (the register's sequence, none missing)
                assertEquals(k, r.value(), m.id() + " poll " + k);
                assertEquals(t0.plusMillis(k * intervalMillis), r.timestamp(), m.id() + " poll " + k);
            }
        }
    }
}
