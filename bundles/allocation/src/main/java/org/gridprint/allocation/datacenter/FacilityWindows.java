package org.gridprint.allocation.datacenter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.WindowQuery;

/**
 * The whole of a period: the facility meters' Scope 2 windows (ACTIVE_ENERGY_IMPORT) summed per window start — energy
 * and location-based CO2e from the location-based twin, market-based CO2e and certificate-covered energy from the
 * market-based twin — with the factor and instrument refs they use and what an auditor must know about them.
 */
final class FacilityWindows {

    /** One window start's facility figures. */
    static final class Window {
        Instant end;
        long energy;
        long location;
        long market;
        long rec;
        int locationMeters;
        int marketMeters;
    }

    /** The flags that make a facility window's figures less than measured, counted as findings. */
    private static final Set<WindowFlag> NOTED = Set.of(WindowFlag.FROM_POWER, WindowFlag.CORRECTED,
            WindowFlag.GAP_SPANNED, WindowFlag.PROVIDER_ESTIMATED, WindowFlag.FORECAST, WindowFlag.LATEST_PUBLISHED);

    final TreeMap<Instant, Window> windows = new TreeMap<>();
    final TreeMap<Long, Long> locationRefs = new TreeMap<>();
    final TreeMap<Long, Long> marketRefs = new TreeMap<>();
    final TreeMap<Long, Long> instrumentRefs = new TreeMap<>();
    private final TreeMap<WindowFlag, Long> flagged = new TreeMap<>();
    private long excluded;

    private FacilityWindows() {
    }

    static FacilityWindows scan(EmissionWindowStore store, List<String> meters, Instant from, Instant to) {
        var f = new FacilityWindows();
        store.scanWindows(new WindowQuery(from, to, Set.copyOf(meters), "", Optional.of(Scope.SCOPE_2),
                Optional.empty()), w -> {
                    if (w.quantity() != Quantity.ACTIVE_ENERGY_IMPORT) {
                        return true;
                    }
                    if (!w.counted()) {
                        f.excluded++;
                        return true;
                    }
                    var x = f.windows.computeIfAbsent(w.start(), s -> new Window());
                    x.end = w.end();
                    if (w.method() == AccountingMethod.LOCATION_BASED) {
                        x.energy += w.amountNano();
                        x.location += w.co2eMicrograms();
                        x.locationMeters++;
                        f.locationRefs.merge(w.factorRef(), 1L, Long::sum);
                        for (var flag : w.flags()) {
                            if (NOTED.contains(flag)) {
                                f.flagged.merge(flag, 1L, Long::sum);
                            }
                        }
                    } else if (w.method() == AccountingMethod.MARKET_BASED) {
                        x.market += w.co2eMicrograms();
                        x.rec += w.coveredNano();
                        x.marketMeters++;
                        f.marketRefs.merge(w.factorRef(), 1L, Long::sum);
                        if (w.instrumentRef() != 0) {
                            f.instrumentRefs.merge(w.instrumentRef(), 1L, Long::sum);
                        }
                    }
                    return true;
                });
        return f;
    }

    SortedMap<Instant, Window> windows() {
        return windows;
    }

    /** The grid of the period: the facility windows in time order. */
    List<ServerEnergy.Span> grid() {
        var grid = new ArrayList<ServerEnergy.Span>(windows.size());
        windows.forEach((start, w) -> grid.add(new ServerEnergy.Span(start, w.end)));
        return grid;
    }

    void findings(int facilityMeters, List<String> out) {
        if (excluded > 0) {
            out.add(excluded + " facility windows are SUSPECT_SPIKE and not accepted: left out of the statement"
                    + " (gridprint:suspects)");
        }
        long incomplete = windows.values().stream()
                .filter(w -> w.locationMeters < facilityMeters || w.marketMeters < facilityMeters).count();
        if (incomplete > 0) {
            out.add(incomplete + " windows lack a location- or market-based window of one of the " + facilityMeters
                    + " facility meters: the facility energy or CO2e of those windows is understated");
        }
        flagged.forEach((flag, n) -> out.add(n + " facility windows are flagged " + flag + " (see gridprint:emissions"
                + " --sources)"));
        if (windows.isEmpty()) {
            out.add("no facility windows in the period: nothing to split (are the facility meters' emission windows"
                    + " computed? gridprint:emissions --by meter)");
        }
    }
}
