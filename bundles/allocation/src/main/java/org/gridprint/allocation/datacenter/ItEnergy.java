package org.gridprint.allocation.datacenter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.allocation.ServerPowerModel;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.WindowQuery;

/**
 * Every target's IT energy per facility window: the IT meters' location-based Scope 2 windows (measured) plus the
 * estimated servers ({@link ServerEnergy}); the estimated part is kept apart so it can be labelled.
 */
final class ItEnergy {

    private final int targets;
    private final Map<Instant, long[]> measuredAndEstimated = new HashMap<>();
    private final Map<Instant, long[]> estimated = new HashMap<>();
    private final long[] none;

    private ItEnergy(int targets) {
        this.targets = targets;
        this.none = new long[targets];
    }

    /** IT energy per target of the window starting at {@code start} (measured plus estimated). */
    long[] it(Instant start) {
        return measuredAndEstimated.getOrDefault(start, none);
    }

    /** The estimated part per target. */
    long[] estimated(Instant start) {
        return estimated.getOrDefault(start, none);
    }

    static ItEnergy collect(EmissionWindowStore store, ReadingStore readings, DataCenterDefinition dc, ItMeters it,
            Map<String, Integer> index, FacilityWindows facility, Map<String, ServerPowerModel> types, Instant from,
            Instant to, List<String> findings) {
        var e = new ItEnergy(index.size());
        e.measured(store, it, index, facility, from, to, findings);
        e.servers(readings, dc, index, facility, types, from, to, findings);
        return e;
    }

    private void measured(EmissionWindowStore store, ItMeters it, Map<String, Integer> index, FacilityWindows facility,
            Instant from, Instant to, List<String> findings) {
        var outside = new long[targets];
        var perMeter = new TreeMap<String, Long>();
        var windows = facility.windows();
        if (!it.targets().isEmpty()) {
            store.scanWindows(new WindowQuery(from, to, it.targets().keySet(), "", Optional.of(Scope.SCOPE_2),
                    Optional.of(AccountingMethod.LOCATION_BASED)), w -> {
                        if (w.quantity() != Quantity.ACTIVE_ENERGY_IMPORT || !w.counted()) {
                            return true;
                        }
                        int t = index.get(it.targets().get(w.meterId()));
                        perMeter.merge(w.meterId(), 1L, Long::sum);
                        if (!windows.containsKey(w.start())) {
                            outside[t] += w.amountNano();
                        } else {
                            var parts = measuredAndEstimated.computeIfAbsent(w.start(), s -> new long[targets]);
                            parts[t] += w.amountNano();
                        }
                        return true;
                    });
        }
        for (var m : it.targets().keySet()) {
            long have = perMeter.getOrDefault(m, 0L);
            if (have < windows.size()) {
                findings.add("IT meter " + m + " (" + it.targets().get(m) + ") has no counted window in "
                        + (windows.size() - have) + " of the " + windows.size() + " facility windows (missing, or an"
                        + " unaccepted SUSPECT_SPIKE): counted as 0 kWh there (its target's share of those windows is"
                        + " understated)");
            }
        }
        var names = new ArrayList<String>(index.keySet());
        names.sort(java.util.Comparator.comparing(index::get));
        for (int t = 0; t < targets; t++) {
            if (outside[t] > 0) {
                findings.add(String.format(Locale.ROOT, "%s: %.3f kWh of IT energy lies in windows without facility"
                        + " energy (not accounted)", names.get(t), outside[t] / 1e9));
            }
        }
    }

    private void servers(ReadingStore readings, DataCenterDefinition dc, Map<String, Integer> index,
            FacilityWindows facility, Map<String, ServerPowerModel> types, Instant from, Instant to,
            List<String> findings) {
        var grid = facility.grid();
        for (var s : dc.servers()) {
            var list = new ArrayList<Reading>();
            Optional<Reading> before = Optional.empty();
            if (readings != null && !grid.isEmpty()) {
                before = readings.latestBefore(s.meterId(), Quantity.UTILISATION, from);
                readings.scan(s.meterId(), Quantity.UTILISATION, from, to, list::add);
            }
            var r = ServerEnergy.estimate(types.get(s.type()), before, list, dc.serverGapSeconds() * 1000, grid);
            int t = index.get(s.tenant());
            for (int k = 0; k < grid.size(); k++) {
                if (r.nano()[k] != 0) {
                    var start = grid.get(k).start();
                    estimated.computeIfAbsent(start, x -> new long[targets])[t] += r.nano()[k];
                    measuredAndEstimated.computeIfAbsent(start, x -> new long[targets])[t] += r.nano()[k];
                }
            }
            if (r.skippedReadings() > 0) {
                findings.add("server " + s.meterId() + ": " + r.skippedReadings() + " utilisation readings BAD or"
                        + " outside 0..100 % were skipped");
            }
            if (readings == null || (list.isEmpty() && before.isEmpty() && !grid.isEmpty())) {
                findings.add("server " + s.meterId() + " (" + s.tenant() + ") has no utilisation readings in the"
                        + " period: estimated 0 kWh");
            }
        }
    }
}
