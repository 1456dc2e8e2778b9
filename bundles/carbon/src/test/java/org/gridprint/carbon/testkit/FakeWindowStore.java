package org.gridprint.carbon.testkit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
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
 * An in-memory {@link EmissionWindowStore} that follows the contract (versions, sameContent → unchanged, history
 * with reasons, atomic calls, order by meter/quantity/scope/method/start, totals with exclusion of unaccepted
 * SUSPECT_SPIKE, zone-cut periods and tags). For pure-logic tests only: no ledger (a synthetic {@link LedgerEntry}
 * per changing call, numbered from 1), no durability. Thread-safe (one lock).
 */
public final class FakeWindowStore implements EmissionWindowStore {

    /** The contract's order. */
    public static final Comparator<WindowKey> ORDER = Comparator.comparing(WindowKey::meterId)
            .thenComparing(WindowKey::quantity).thenComparing(WindowKey::scope).thenComparing(WindowKey::method)
            .thenComparing(WindowKey::start);

    private final TreeMap<WindowKey, List<WindowVersion>> windows = new TreeMap<>(ORDER);
    private final Map<String, Meter> meters = new HashMap<>();
    private final List<String> reasons = new ArrayList<>();
    private long entries;
    /** Set to make the next storeWindows throw this (then reset): a store that cannot write. */
    private RuntimeException failNext;
    private int storeCalls;

    /** Meters for SITE (via the window's siteId anyway) and TAG totals (department:, tenant:, tags). */
    public synchronized FakeWindowStore meters(Meter... ms) {
        for (var m : ms) {
            meters.put(m.id(), m);
        }
        return this;
    }

    public synchronized void failNext(RuntimeException e) {
        failNext = e;
    }

    /** Calls to storeWindows so far (also unchanged ones). */
    public synchronized int storeCalls() {
        return storeCalls;
    }

    /** The reason of every call that changed something, in order. */
    public synchronized List<String> reasons() {
        return List.copyOf(reasons);
    }

    @Override
    public synchronized WindowWriteResult storeWindows(List<EmissionWindow> batch, String reason) {
        storeCalls++;
        if (failNext != null) {
            var e = failNext;
            failNext = null;
            throw e;
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("storeWindows needs a reason");
        }
        // validate all first: atomic
        var seen = new HashMap<WindowKey, EmissionWindow>();
        for (var w : batch) {
            if (seen.put(w.key(), w) != null) {
                throw new IllegalArgumentException("window " + w.key() + " twice in one call");
            }
        }
        int added = 0;
        int revised = 0;
        int unchanged = 0;
        var now = Instant.now();
        for (var w : batch) {
            var versions = windows.get(w.key());
            if (versions == null) {
                var list = new ArrayList<WindowVersion>();
                list.add(new WindowVersion(w.withVersion(1, w.computedAt()), "computed".equals(reason) ? reason : reason, now));
                windows.put(w.key(), list);
                added++;
            } else {
                var current = versions.get(versions.size() - 1).window();
                if (current.sameContent(w)) {
                    unchanged++;
                } else {
                    versions.add(new WindowVersion(w.withVersion(current.version() + 1, w.computedAt()), reason, now));
                    revised++;
                }
            }
        }
        Optional<LedgerEntry> entry = Optional.empty();
        if (added + revised > 0) {
            entries++;
            reasons.add(reason);
            entry = Optional.of(new LedgerEntry(entries, now, added + revised, "", "fake-" + entries));
        }
        return new WindowWriteResult(added, revised, unchanged, entry);
    }

    private boolean matches(EmissionWindow w, WindowQuery q) {
        return !w.start().isBefore(q.from()) && w.start().isBefore(q.to())
                && (q.meterIds().isEmpty() || q.meterIds().contains(w.meterId()))
                && (q.siteId().isEmpty() || q.siteId().equals(w.siteId()))
                && q.scope().map(s -> s == w.scope()).orElse(true)
                && q.method().map(m -> m == w.method()).orElse(true);
    }

    private List<EmissionWindow> current() {
        var out = new ArrayList<EmissionWindow>(windows.size());
        for (var v : windows.values()) {
            out.add(v.get(v.size() - 1).window());
        }
        return out;
    }

    @Override
    public synchronized List<EmissionWindow> windows(WindowQuery query) {
        return current().stream().filter(w -> matches(w, query)).toList();
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
        var v = windows.get(key);
        return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1).window());
    }

    @Override
    public synchronized Optional<EmissionWindow> lastWindow(String meterId, Quantity quantity, Scope scope,
            AccountingMethod method) {
        var floor = windows.floorKey(new WindowKey(meterId, quantity, scope, method, Instant.MAX));
        if (floor == null || !floor.meterId().equals(meterId) || floor.quantity() != quantity || floor.scope() != scope
                || floor.method() != method) {
            return Optional.empty();
        }
        return window(floor);
    }

    @Override
    public synchronized List<WindowVersion> history(WindowKey key) {
        return List.copyOf(windows.getOrDefault(key, List.of()));
    }

    @Override
    public synchronized List<WindowTotal> totals(TotalsQuery q) {
        var groups = new LinkedHashMap<List<String>, long[]>();
        var flags = new HashMap<List<String>, EnumSet<WindowFlag>>();
        var worst = new HashMap<List<String>, Quality>();
        for (var w : current()) {
            if (w.start().isBefore(q.from()) || !w.start().isBefore(q.to())
                    || !(q.meterIds().isEmpty() || q.meterIds().contains(w.meterId()))
                    || !(q.siteId().isEmpty() || q.siteId().equals(w.siteId()))
                    || !q.scope().map(s -> s == w.scope()).orElse(true)
                    || !q.method().map(m -> m == w.method()).orElse(true)) {
                continue;
            }
            var tags = tags(w.meterId());
            if (!q.tag().isEmpty() && !tags.contains(q.tag())) {
                continue;
            }
            var keys = new ArrayList<List<String>>();
            keys.add(List.of());
            for (var g : q.groupBy()) {
                var next = new ArrayList<List<String>>();
                for (var k : keys) {
                    for (var value : values(g, w, q.zone(), tags)) {
                        var nk = new ArrayList<>(k);
                        nk.add(value);
                        next.add(nk);
                    }
                }
                keys = next;
            }
            for (var k : keys) {
                var acc = groups.computeIfAbsent(k, x -> new long[4]);
                if (w.counted()) {
                    acc[0] += w.amountNano();
                    acc[1] += w.co2eMicrograms();
                    acc[2]++;
                } else {
                    acc[3]++;
                }
                flags.computeIfAbsent(k, x -> EnumSet.noneOf(WindowFlag.class)).addAll(w.flags());
                worst.merge(k, w.quality(), Quality::worst);
            }
        }
        var out = new ArrayList<WindowTotal>();
        for (var e : groups.entrySet()) {
            var a = e.getValue();
            out.add(new WindowTotal(e.getKey(), a[0], a[1], a[2], a[3], flags.get(e.getKey()), worst.get(e.getKey())));
        }
        out.sort(Comparator.comparing(t -> String.join("\u0000", t.group())));
        return out;
    }

    private List<String> tags(String meterId) {
        var m = meters.get(meterId);
        if (m == null) {
            return List.of();
        }
        var tags = new ArrayList<String>(m.tags());
        if (!m.department().isEmpty()) {
            tags.add("department:" + m.department());
        }
        if (!m.tenant().isEmpty()) {
            tags.add("tenant:" + m.tenant());
        }
        return tags;
    }

    private static final Map<TotalsQuery.GroupBy, String> PATTERNS = Map.of(TotalsQuery.GroupBy.HOUR,
            "yyyy-MM-dd'T'HH", TotalsQuery.GroupBy.DAY, "yyyy-MM-dd", TotalsQuery.GroupBy.MONTH, "yyyy-MM",
            TotalsQuery.GroupBy.YEAR, "yyyy");

    private List<String> values(TotalsQuery.GroupBy g, EmissionWindow w, ZoneId zone, List<String> tags) {
        Function<String, List<String>> one = List::of;
        return switch (g) {
            case HOUR, DAY, MONTH, YEAR -> one.apply(
                    DateTimeFormatter.ofPattern(PATTERNS.get(g)).format(ZonedDateTime.ofInstant(w.start(), zone)));
            case METER -> one.apply(w.meterId());
            case SITE -> one.apply(w.siteId());
            case QUANTITY -> one.apply(w.quantity().name());
            case SCOPE -> one.apply(w.scope().name());
            case METHOD -> one.apply(w.method().name());
            case TAG -> tags;
        };
    }

    @Override
    public synchronized long windowCount() {
        return windows.size();
    }
}
