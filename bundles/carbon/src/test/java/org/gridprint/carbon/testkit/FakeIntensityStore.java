package org.gridprint.carbon.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.store.IntensityStore;

/**
 * An in-memory {@link IntensityStore} following the contract: idempotent on (provider, region, signal, start,
 * forecast, issuedAt); best per start = an actual before any forecast, then the most recently issued; per provider
 * when {@code provider} is null. Thread-safe.
 */
public final class FakeIntensityStore implements IntensityStore {

    private record Key(String provider, String region, IntensitySignal signal, Instant start, boolean forecast,
            Instant issuedAt) {
    }

    private final LinkedHashSet<Key> keys = new LinkedHashSet<>();
    private final List<IntensityPoint> points = new ArrayList<>();

    @Override
    public synchronized int storeIntensity(List<IntensityPoint> batch) {
        var added = 0;
        for (var p : batch) {
            if (keys.add(new Key(p.provider(), p.region(), p.signal(), p.start(), p.forecast(), p.issuedAt()))) {
                points.add(p);
                added++;
            }
        }
        return added;
    }

    /** The points held (distinct by provider, region, signal, start, forecast, issuedAt). */
    public synchronized int size() {
        return points.size();
    }

    private static final Comparator<IntensityPoint> BEST = Comparator
            .comparing((IntensityPoint p) -> p.forecast()) // actual (false) first
            .thenComparing(IntensityPoint::issuedAt, Comparator.reverseOrder());

    @Override
    public synchronized List<IntensityPoint> intensity(String provider, String region, IntensitySignal signal,
            Instant from, Instant to) {
        return best(provider, region, signal, from, to, false);
    }

    @Override
    public synchronized List<IntensityPoint> forecast(String provider, String region, IntensitySignal signal,
            Instant from, Instant to) {
        return best(provider, region, signal, from, to, true);
    }

    private List<IntensityPoint> best(String provider, String region, IntensitySignal signal, Instant from,
            Instant to, boolean forecastsOnly) {
        var perStart = new TreeMap<String, IntensityPoint>();
        for (var p : points) {
            if ((provider != null && !provider.equals(p.provider())) || !Objects.equals(region, p.region())
                    || p.signal() != signal || p.start().isBefore(from) || !p.start().isBefore(to)
                    || (forecastsOnly && !p.forecast())) {
                continue;
            }
            var k = p.start() + "|" + p.provider();
            perStart.merge(k, p, (a, b) -> BEST.compare(a, b) <= 0 ? a : b);
        }
        return perStart.values().stream().sorted(Comparator.comparing(IntensityPoint::start)
                .thenComparing(IntensityPoint::provider)).toList();
    }

    @Override
    public synchronized Optional<IntensityPoint> latest(String provider, String region, IntensitySignal signal) {
        return points.stream().filter(p -> p.provider().equals(provider) && p.region().equals(region)
                && p.signal() == signal).max(Comparator.comparing(IntensityPoint::start).thenComparing(BEST.reversed()));
    }
}
