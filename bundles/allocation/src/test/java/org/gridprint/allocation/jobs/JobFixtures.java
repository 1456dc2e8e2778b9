package org.gridprint.allocation.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;

/** Test helpers: a meter registry that follows the contract, and windows as the carbon engine stores them. */
public final class JobFixtures {

    private JobFixtures() {
    }

    /** A registry of the given meters (sorted by id, as the contract says). */
    public static MeterRegistry meters(Meter... meters) {
        var m = new TreeMap<String, Meter>();
        for (var x : meters) {
            m.put(x.id(), x);
        }
        return new MeterRegistry() {
            @Override
            public Optional<Meter> meter(String id) {
                return Optional.ofNullable(m.get(id));
            }

            @Override
            public Collection<Meter> meters() {
                return List.copyOf(m.values());
            }
        };
    }

    /** A Scope 2 electricity window of a meter. */
    public static EmissionWindow window(String meter, String site, AccountingMethod method, String start, String end,
            long energyNano, long co2eMicrograms) {
        var s = Instant.parse(start);
        var e = Instant.parse(end);
        return new EmissionWindow(meter, site, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, s, e, energyNano,
                co2eMicrograms, 1, 0, 0, Quality.GOOD, null, s, e, 0, e);
    }
}
