package org.gridprint.shell.carbon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gridprint.api.allocation.VirtualMeter;
import org.gridprint.api.allocation.VirtualMeterService;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.WindowTotal;

/**
 * Inventory totals without double counting: a virtual meter's windows (flag VIRTUAL) are stored like a real meter's,
 * but they repeat energy that real meters already measured ({@code main - ahu-1 - ahu-2}), so a total over a whole site
 * or over all meters leaves them out. They stay in when the query names meters (e.g. {@code gridprint:emissions
 * demo/hq/unmetered}). The store sums everything; the virtual meters' own totals (same grouping) are subtracted.
 */
final class MeasuredTotals {

    private MeasuredTotals() {
    }

    /** The ids of the configured virtual meters; empty without the allocation feature. */
    static Set<String> virtualIds(VirtualMeterService service) {
        if (service == null) {
            return Set.of();
        }
        var ids = new TreeSet<String>();
        for (VirtualMeter v : service.virtualMeters()) {
            ids.add(v.id());
        }
        return ids;
    }

    static List<WindowTotal> totals(EmissionWindowStore store, TotalsQuery q, Collection<String> virtualIds) {
        var all = store.totals(q);
        if (!q.meterIds().isEmpty() || virtualIds.isEmpty()) {
            return all;
        }
        var virtualQuery = new TotalsQuery(q.from(), q.to(), q.zone(), q.groupBy(), Set.copyOf(virtualIds), q.siteId(),
                q.scope(), q.method(), q.tag());
        var minus = new HashMap<List<String>, WindowTotal>();
        for (var v : store.totals(virtualQuery)) {
            minus.put(v.group(), v);
        }
        if (minus.isEmpty()) {
            return all;
        }
        var out = new ArrayList<WindowTotal>(all.size());
        for (var t : all) {
            var v = minus.get(t.group());
            if (v == null) {
                out.add(t);
                continue;
            }
            long windows = t.windows() - v.windows();
            long excluded = t.excludedWindows() - v.excludedWindows();
            if (windows <= 0 && excluded <= 0) {
                continue;
            }
            var flags = t.flags().isEmpty() ? EnumSet.noneOf(WindowFlag.class) : EnumSet.copyOf(t.flags());
            flags.remove(WindowFlag.VIRTUAL);
            out.add(new WindowTotal(t.group(), t.amountNano() - v.amountNano(), t.co2eMicrograms() - v.co2eMicrograms(),
                    windows, excluded, flags, t.worstQuality()));
        }
        return out;
    }
}
