package org.gridprint.api.store;

import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.carbon.WindowFlag;

/**
 * One group of a {@link TotalsQuery}: {@code group} holds one value per {@link TotalsQuery#groupBy()} dimension, in
 * order (an ISO date/time for HOUR/DAY/MONTH/YEAR in the query's zone, e.g. {@code 2026-03}; enum names for
 * QUANTITY/SCOPE/METHOD).
 *
 * @param amountNano      sum of counted windows' amounts (10^-9 canonical unit)
 * @param co2eMicrograms  sum of counted windows' CO2e
 * @param windows         counted windows
 * @param excludedWindows windows left out (unaccepted SUSPECT_SPIKE)
 * @param flags           union of the flags of all windows in the group, excluded ones too
 * @param worstQuality    worst quality among them
 * @since 1.2.0
 */
public record WindowTotal(List<String> group, long amountNano, long co2eMicrograms, long windows, long excludedWindows,
        Set<WindowFlag> flags, Quality worstQuality) {
    public WindowTotal {
        group = List.copyOf(group);
        flags = Set.copyOf(flags);
    }
}
