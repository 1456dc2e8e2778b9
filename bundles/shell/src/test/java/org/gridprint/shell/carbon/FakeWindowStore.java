package org.gridprint.shell.carbon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowSink;
import org.gridprint.api.store.WindowTotal;
import org.gridprint.api.store.WindowVersion;
import org.gridprint.api.store.WindowWriteResult;

/**
 * An in-memory EmissionWindowStore following the contract where the console relies on it: current versions by key,
 * scan order, totals grouped in the query's zone with unaccepted SUSPECT_SPIKE windows excluded and counted. TAG
 * groups by the tags given per meter.
 */
final class FakeWindowStore implements EmissionWindowStore {

    final Map<WindowKey, EmissionWindow> current = new LinkedHashMap<>();
    final Map<String, List<String>> tags = new LinkedHashMap<>();
    TotalsQuery lastTotals;

    @Override
    public WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason) {
        int added = 0;
        int revised = 0;
        int unchanged = 0;
        for (var w : windows) {
            var old = current.get(w.key());
            if (old == null) {
                current.put(w.key(), w.withVersion(1, w.computedAt()));
                added++;
            } else if (old.sameContent(w)) {
                unchanged++;
            } else {
                current.put(w.key(), w.withVersion(old.version() + 1, w.computedAt()));
                revised++;
            }
        }
        return new WindowWriteResult(added, revised, unchanged, Optional.empty());
    }

    private boolean matches(EmissionWindow w, java.time.Instant from, java.time.Instant to, java.util.Set<String> meters,
            String site, Optional<Scope> scope, Optional<AccountingMethod> method) {
        return !w.start().isBefore(from) && w.start().isBefore(to) && (meters.isEmpty() || meters.contains(w.meterId()))
                && (site.isEmpty() || site.equals(w.siteId())) && scope.map(s -> s == w.scope()).orElse(true)
                && method.map(m -> m == w.method()).orElse(true);
    }

    @Override
    public List<EmissionWindow> windows(WindowQuery q) {
        return current.values().stream()
                .filter(w -> matches(w, q.from(), q.to(), q.meterIds(), q.siteId(), q.scope(), q.method()))
                .sorted(Comparator.comparing(EmissionWindow::meterId).thenComparing(EmissionWindow::quantity)
                        .thenComparing(EmissionWindow::scope).thenComparing(EmissionWindow::method)
                        .thenComparing(EmissionWindow::start))
                .toList();
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
    public Optional<EmissionWindow> window(WindowKey key) {
        return Optional.ofNullable(current.get(key));
    }

    @Override
    public Optional<EmissionWindow> lastWindow(String meterId, Quantity quantity, Scope scope, AccountingMethod method) {
        return current.values().stream().filter(w -> w.meterId().equals(meterId) && w.quantity() == quantity
                && w.scope() == scope && w.method() == method).max(Comparator.comparing(EmissionWindow::start));
    }

    @Override
    public List<WindowVersion> history(WindowKey key) {
        return List.of();
    }

    @Override
    public List<WindowTotal> totals(TotalsQuery q) {
        lastTotals = q;
        record Acc(long[] sums, EnumSet<WindowFlag> flags, Quality[] worst) {
        }
        var groups = new LinkedHashMap<List<String>, Acc>();
        for (var w : current.values()) {
            if (!matches(w, q.from(), q.to(), q.meterIds(), q.siteId(), q.scope(), q.method())) {
                continue;
            }
            var meterTags = tags.getOrDefault(w.meterId(), List.of());
            if (!q.tag().isEmpty() && !meterTags.contains(q.tag())) {
                continue;
            }
            var keys = new ArrayList<List<String>>();
            keys.add(new ArrayList<>());
            for (var g : q.groupBy()) {
                var values = g == TotalsQuery.GroupBy.TAG ? meterTags : List.of(value(g, w, q.zone()));
                var next = new ArrayList<List<String>>();
                for (var k : keys) {
                    for (var v : values) {
                        var copy = new ArrayList<>(k);
                        copy.add(v);
                        next.add(copy);
                    }
                }
                keys = next;
            }
            for (var k : keys) {
                var acc = groups.computeIfAbsent(k, x -> new Acc(new long[4], EnumSet.noneOf(WindowFlag.class),
                        new Quality[] {Quality.GOOD}));
                if (w.counted()) {
                    acc.sums()[0] += w.amountNano();
                    acc.sums()[1] += w.co2eMicrograms();
                    acc.sums()[2]++;
                } else {
                    acc.sums()[3]++;
                }
                acc.flags().addAll(w.flags());
                if (w.quality().ordinal() > acc.worst()[0].ordinal()) {
                    acc.worst()[0] = w.quality();
                }
            }
        }
        var result = new ArrayList<WindowTotal>();
        groups.forEach((k, a) -> result.add(new WindowTotal(k, a.sums()[0], a.sums()[1], a.sums()[2], a.sums()[3],
                a.flags(), a.worst()[0])));
        return result;
    }

    private static String value(TotalsQuery.GroupBy g, EmissionWindow w, ZoneId zone) {
        var local = w.start().atZone(zone);
        return switch (g) {
            case HOUR -> local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH"));
            case DAY -> local.toLocalDate().toString();
            case MONTH -> local.format(DateTimeFormatter.ofPattern("yyyy-MM"));
            case YEAR -> String.valueOf(local.getYear());
            case METER -> w.meterId();
            case SITE -> w.siteId();
            case QUANTITY -> w.quantity().name();
            case SCOPE -> w.scope().name();
            case METHOD -> w.method().name();
            case TAG -> throw new IllegalStateException("TAG is expanded by the caller");
        };
    }

    @Override
    public long windowCount() {
        return current.size();
    }
}
