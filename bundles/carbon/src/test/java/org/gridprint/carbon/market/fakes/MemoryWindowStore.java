package org.gridprint.carbon.market.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

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

/** An in-memory {@link EmissionWindowStore} with the contract's version semantics (no totals, no ledger entry). */
public final class MemoryWindowStore implements EmissionWindowStore {

    private static final Comparator<WindowKey> ORDER = Comparator.comparing(WindowKey::meterId)
            .thenComparing(WindowKey::quantity).thenComparing(WindowKey::scope).thenComparing(WindowKey::method)
            .thenComparing(WindowKey::start);

    private final TreeMap<WindowKey, List<EmissionWindow>> versions = new TreeMap<>(ORDER);
    public final List<String> reasons = new ArrayList<>();

    @Override
    public synchronized WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason) {
        int added = 0;
        int revised = 0;
        int unchanged = 0;
        for (var w : windows) {
            var h = versions.computeIfAbsent(w.key(), k -> new ArrayList<>());
            if (h.isEmpty()) {
                h.add(w.withVersion(1, w.computedAt()));
                added++;
            } else if (h.get(h.size() - 1).sameContent(w)) {
                unchanged++;
            } else {
                h.add(w.withVersion(h.size() + 1, w.computedAt()));
                revised++;
            }
        }
        reasons.add(reason);
        return new WindowWriteResult(added, revised, unchanged, Optional.empty());
    }

    public synchronized List<EmissionWindow> all() {
        var out = new ArrayList<EmissionWindow>();
        versions.values().forEach(h -> out.add(h.get(h.size() - 1)));
        return out;
    }

    @Override
    public synchronized List<EmissionWindow> windows(WindowQuery q) {
        return all().stream().filter(w -> !w.start().isBefore(q.from()) && w.start().isBefore(q.to()))
                .filter(w -> q.meterIds().isEmpty() || q.meterIds().contains(w.meterId()))
                .filter(w -> q.siteId().isEmpty() || q.siteId().equals(w.siteId()))
                .filter(w -> q.scope().map(s -> s == w.scope()).orElse(true))
                .filter(w -> q.method().map(m -> m == w.method()).orElse(true)).toList();
    }

    @Override
    public long scanWindows(WindowQuery query, WindowSink sink) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public synchronized Optional<EmissionWindow> window(WindowKey key) {
        var h = versions.get(key);
        return h == null ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    @Override
    public synchronized Optional<EmissionWindow> lastWindow(String meterId, Quantity quantity, Scope scope,
            AccountingMethod method) {
        var floor = versions.floorKey(new WindowKey(meterId, quantity, scope, method, Instant.MAX));
        if (floor == null || !floor.meterId().equals(meterId) || floor.quantity() != quantity || floor.scope() != scope
                || floor.method() != method) {
            return Optional.empty();
        }
        return window(floor);
    }

    @Override
    public List<WindowVersion> history(WindowKey key) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public List<WindowTotal> totals(TotalsQuery query) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public synchronized long windowCount() {
        return versions.size();
    }
}
