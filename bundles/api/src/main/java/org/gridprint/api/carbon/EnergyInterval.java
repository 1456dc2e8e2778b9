package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;

/**
 * Energy of one meter between two readings of its cumulative counter. Never negative.
 *
 * @param startCounter counter value at {@code start}
 * @param endCounter   counter value at {@code end}
 * @param energy       in the quantity's canonical unit (kWh for active energy)
 */
public record EnergyInterval(String meterId, Quantity quantity, Instant start, Instant end, double startCounter,
        double endCounter, double energy, Quality quality, Set<IntervalFlag> flags) {

    public EnergyInterval {
        flags = Set.copyOf(flags);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("interval of " + meterId + " must end after it starts: " + start + " .. " + end);
        }
        if (energy < 0 || Double.isNaN(energy)) {
            throw new IllegalArgumentException("interval energy of " + meterId + " must be >= 0, was " + energy);
        }
    }
}
