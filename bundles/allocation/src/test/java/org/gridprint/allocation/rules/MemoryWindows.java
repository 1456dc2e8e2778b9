package org.gridprint.allocation.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowSink;
import org.gridprint.api.store.WindowTotal;
import org.gridprint.api.store.WindowVersion;
import org.gridprint.api.store.WindowWriteResult;

/**
 * An in-memory window store following the contract for what allocation uses: current versions by key, scans in the
 * contract's order (meter, quantity, scope, method, start) filtered by the query. Totals and history are not needed.
 */
final class MemoryWindows implements EmissionWindowStore {

    private final Map<WindowKey, EmissionWindow> current = new LinkedHashMap<>();

    private static final Comparator<EmissionWindow> ORDER = Comparator.comparing(EmissionWindow::meterId)
            .thenComparing(EmissionWindow::quantity).thenComparing(EmissionWindow::scope)
            .thenComparing(EmissionWindow::method).thenComparing(EmissionWindow::start);

    @Override
    public synchronized WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason) {
        int added = 0;
        int revised = 0;
        int unchanged = 0;
        for (var w : windows) {
            var old = current.get(w.key());
            if (old == null) {
                added++;
                current.put(w.key(), w.withVersion(1, w.computedAt()));
            } else if (old.sameContent(w)) {
                unchanged++;
            } else {
                revised++;
                current.put(w.key(), w.withVersion(old.version() + 1, w.computedAt()));
            }
        }
        return new WindowWriteResult(added, revised, unchanged, Optional.empty());
    }

    @Override
    public synchronized List<EmissionWindow> windows(WindowQuery q) {
        var out = new ArrayList<EmissionWindow>();
        for (var w : current.values()) {
            if (w.start().isBefore(q.from()) || !w.start().isBefore(q.to())) {
                continue;
            }
            if (!q.meterIds().isEmpty() && !q.meterIds().contains(w.meterId())) {
                continue;
            }
            if (!q.siteId().isEmpty() && !q.siteId().equals(w.siteId())) {
                continue;
            }
            if (q.scope().isPresent() && q.scope().get() != w.scope()) {
                continue;
            }
            if (q.method().isPresent() && q.method().get() != w.method()) {
                continue;
            }
            out.add(w);
        }
        out.sort(ORDER);
        return out;
    }

    @Override
    public long scanWindows(WindowQuery query, WindowSink sink) {
        long n = 0;
        for (var w : windows(query)) {
            n++;
            if (!sink.accept(w)) {
                break;
            }
        }
        return n;
    }

    @Override
    public synchronized Optional<EmissionWindow> window(WindowKey key) {
        return Optional.ofNullable(current.get(key));
    }

    @Override
    public Optional<EmissionWindow> lastWindow(String meterId, Quantity quantity, Scope scope, AccountingMethod method) {
        throw new UnsupportedOperationException("not used by allocation");
    }

    @Override
    public List<WindowVersion> history(WindowKey key) {
        throw new UnsupportedOperationException("not used by allocation");
    }

    @Override
    public List<WindowTotal> totals(TotalsQuery query) {
        throw new UnsupportedOperationException("not used by allocation");
    }

    @Override
    public synchronized long windowCount() {
        return current.size();
    }
}
