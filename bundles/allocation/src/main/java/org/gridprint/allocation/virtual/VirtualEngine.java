package org.gridprint.allocation.virtual;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.allocation.VirtualRun;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.WindowQuery;

/**
 * Computes a usable virtual meter's windows over a span, one UTC day at a time (memory: one day of the inputs'
 * windows), for every scope and method its inputs have windows in (Scope 2 location- and market-based for electricity;
 * Scope 1 direct for fuel), and stores those that are new or changed in one {@code storeWindows} call per day (one
 * ledger entry), reason {@code virtual <id> = <formula>}.
 */
public final class VirtualEngine {

    static final Duration CHUNK = Duration.ofDays(1);

    private final EmissionWindowStore store;
    private final Clock clock;

    public VirtualEngine(EmissionWindowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private record Series(Scope scope, AccountingMethod method) {
    }

    public VirtualRun compute(VirtualCatalog.Usable u, Instant from, Instant to) {
        var d = u.definition();
        var f = u.formula();
        int added = 0;
        int revised = 0;
        int unchanged = 0;
        int missing = 0;
        int negative = 0;
        var notes = new ArrayList<String>();
        var ids = new HashSet<>(f.meterIds());
        var reason = "virtual " + d.id() + " = " + d.formula();
        for (var dayStart = from; dayStart.isBefore(to); dayStart = dayStart.plus(CHUNK)) {
            var dayEnd = dayStart.plus(CHUNK).isBefore(to) ? dayStart.plus(CHUNK) : to;
            var bySeries = new HashMap<Series, TreeMap<Instant, Map<Formula.Input, EmissionWindow>>>();
            store.scanWindows(new WindowQuery(dayStart, dayEnd, ids, "", Optional.empty(), Optional.empty()), w -> {
                var input = new Formula.Input(w.meterId(), w.quantity());
                if (f.terms().containsKey(input)) {
                    bySeries.computeIfAbsent(new Series(w.scope(), w.method()), k -> new TreeMap<>())
                            .computeIfAbsent(w.start(), k -> new HashMap<>()).put(input, w);
                }
                return true;
            });
            var out = new ArrayList<EmissionWindow>();
            var now = clock.instant();
            for (var series : bySeries.values()) {
                for (var slot : series.values()) {
                    var r = WindowFormula.apply(d.id(), d.siteId(), f, slot, now);
                    if (r instanceof WindowResult.Computed c) {
                        out.add(c.window());
                        if (!c.clamped().isEmpty() && notes.size() < 5) {
                            notes.add(c.window().start() + " " + c.window().method() + ": clamped " + c.clamped());
                        }
                    } else if (r instanceof WindowResult.Missing) {
                        missing++;
                    } else if (r instanceof WindowResult.Negative n) {
                        negative++;
                        if (notes.size() < 5) {
                            notes.add("negative at " + slot.values().iterator().next().start() + ": "
                                    + n.amountNano() + " nano-" + d.quantity().canonicalUnit() + " (not stored)");
                        }
                    }
                }
            }
            if (!out.isEmpty()) {
                var w = store.storeWindows(out, reason);
                added += w.added();
                revised += w.revised();
                unchanged += w.unchanged();
            }
        }
        return new VirtualRun(d.id(), added, revised, unchanged, missing, negative, notes);
    }
}
