package org.gridprint.allocation.rules;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the allocated windows were priced with: the factor versions (register {@code factor} refs) of the
 * location-based and market-based windows and the instruments (register {@code instrument} refs) that covered
 * energy. A stored period keeps them, so its CO2e keeps its factor versions, sources and editions by reference.
 */
public record Sources(Set<Long> locationFactorRefs, Set<Long> marketFactorRefs, Set<Long> instrumentRefs) {

    public Sources {
        locationFactorRefs = new TreeSet<>(locationFactorRefs);
        marketFactorRefs = new TreeSet<>(marketFactorRefs);
        instrumentRefs = new TreeSet<>(instrumentRefs);
    }

    public static Sources none() {
        return new Sources(Set.of(), Set.of(), Set.of());
    }
}
