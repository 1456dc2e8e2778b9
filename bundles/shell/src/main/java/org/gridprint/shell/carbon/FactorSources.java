package org.gridprint.shell.carbon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RegisterRecord;
import org.gridprint.api.store.WindowQuery;

/**
 * {@code gridprint:emissions --sources}: which factor versions and instruments priced the selected windows, how
 * many windows each, shown in full (several lines each, never cut). The windows are streamed once; only the refs and
 * their counts are held.
 */
public final class FactorSources {

    private final TreeMap<Long, Long> factors = new TreeMap<>();
    private final TreeMap<Long, Long> instruments = new TreeMap<>();
    private long windows;
    private long unpriced;

    /** Counts the refs of the windows the query selects (and the filter accepts). */
    public static FactorSources scan(EmissionWindowStore store, WindowQuery query,
            java.util.function.Predicate<EmissionWindow> filter) {
        var sources = new FactorSources();
        store.scanWindows(query, w -> {
            if (filter.test(w)) {
                sources.add(w);
            }
            return true;
        });
        return sources;
    }

    void add(EmissionWindow w) {
        windows++;
        if (w.factorRef() > 0) {
            factors.merge(w.factorRef(), 1L, Long::sum);
        } else {
            unpriced++;
        }
        if (w.instrumentRef() > 0) {
            instruments.merge(w.instrumentRef(), 1L, Long::sum);
        }
    }

    /**
     * The lines to print.
     *
     * @param factor     a factor version by ref (the catalog's byRef)
     * @param instrument a register record by ref (the instrument's key is its id), may answer empty
     */
    public List<String> lines(LongFunction<Optional<FactorVersion>> factor,
            LongFunction<Optional<RegisterRecord>> instrument) {
        var lines = new ArrayList<String>();
        lines.add("Sources of " + CarbonText.count(windows, "window") + ": " + CarbonText.count(factors.size(),
                "factor version") + (instruments.isEmpty() ? "" : ", " + CarbonText.count(instruments.size(),
                        "instrument")));
        for (var e : factors.entrySet()) {
            var heading = "factor ref " + e.getKey() + " (" + CarbonText.count(e.getValue(), "window") + "): ";
            var f = factor.apply(e.getKey());
            if (f.isPresent()) {
                lines.addAll(CarbonText.factorBlock(heading, f.get()).lines().toList());
            } else {
                lines.add(heading + "not resolvable: the catalog holds no factor version under this ref (is the "
                        + "carbon bundle running, and was the register restored?)");
            }
        }
        for (var e : instruments.entrySet()) {
            var heading = "instrument ref " + e.getKey() + " (" + CarbonText.count(e.getValue(), "window") + "): ";
            var r = instrument.apply(e.getKey());
            lines.add(heading + r.map(rec -> rec.key() + " (register " + rec.register() + ", version " + rec.version()
                    + ")").orElse("not resolvable in the register"));
        }
        if (unpriced > 0) {
            lines.add(CarbonText.count(unpriced, "window") + " carry no factor (excluded before pricing)");
        }
        return lines;
    }

    public long windows() {
        return windows;
    }
}
