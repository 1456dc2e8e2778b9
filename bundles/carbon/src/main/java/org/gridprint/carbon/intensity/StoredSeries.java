package org.gridprint.carbon.intensity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.store.IntensityStore;

/**
 * Read-through cache of stored AVERAGE values per provider, region and UTC day, so that pricing a year of windows
 * for many meters asks the store once per provider and day instead of once per window. An entry is dropped when
 * this bundle stores new values for the provider, and after {@link #TTL} (values stored by another process, e.g. a
 * second node on the same PostgreSQL store, are seen within that time). Bounded to {@link #MAX_ENTRIES} days.
 */
final class StoredSeries {

    static final Duration TTL = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 1024;

    private record Key(String provider, String region, Instant day) {
    }

    private record Entry(List<IntensityPoint> points, Instant loadedAt) {
    }

    private final Map<Key, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private final java.util.function.Supplier<IntensityStore> store;
    private final java.util.function.Supplier<Clock> clock;

    StoredSeries(java.util.function.Supplier<IntensityStore> store, java.util.function.Supplier<Clock> clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The value covering all of {@code [start, end)}: the best stored value with the greatest start at or before
     * {@code start}, if it ends at or after {@code end}. {@code reach} is the longest value length looked back for.
     */
    Optional<IntensityPoint> covering(String provider, String region, Instant start, Instant end, Duration reach) {
        IntensityPoint best = null;
        var day = start.truncatedTo(ChronoUnit.DAYS);
        // the value may start on an earlier day (reach up to a day): look at the window's day and the one before
        for (var d = day.minus(reach.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : reach)
                .truncatedTo(ChronoUnit.DAYS); !d.isAfter(day); d = d.plus(Duration.ofDays(1))) {
            for (var p : day(provider, region, d)) {
                if (!p.start().isAfter(start) && !p.start().isBefore(start.minus(reach))
                        && (best == null || p.start().isAfter(best.start()))) {
                    best = p;
                }
            }
        }
        return best != null && !best.end().isBefore(end) ? Optional.of(best) : Optional.empty();
    }

    private List<IntensityPoint> day(String provider, String region, Instant day) {
        var key = new Key(provider, region, day);
        var now = clock.get().instant();
        synchronized (cache) {
            var e = cache.get(key);
            if (e != null && now.isBefore(e.loadedAt().plus(TTL)) && !now.isBefore(e.loadedAt())) {
                return e.points();
            }
        }
        var points = store.get().intensity(provider, region, IntensitySignal.AVERAGE, day, day.plus(Duration.ofDays(1)));
        synchronized (cache) {
            cache.put(key, new Entry(List.copyOf(points), now));
        }
        return points;
    }

    /** Forgets a provider's cached days (it stored new values). */
    void invalidate(String provider) {
        synchronized (cache) {
            cache.keySet().removeIf(k -> k.provider().equals(provider));
        }
    }
}
