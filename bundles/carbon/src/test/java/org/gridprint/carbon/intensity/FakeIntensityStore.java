package org.gridprint.carbon.intensity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.store.IntensityStore;

/**
 * An in-memory {@link IntensityStore} following the contract: idempotent on (provider, region, signal, start,
 * forecast, issuedAt); best per start = an actual before any forecast, then the most recently issued.
 */
final class FakeIntensityStore implements IntensityStore {

    private final Map<String, IntensityPoint> points = new LinkedHashMap<>();
    int calls;

    @Override
    public synchronized int storeIntensity(List<IntensityPoint> list) {
        calls++;
        int n = 0;
        for (var p : list) {
            var key = p.provider() + "|" + p.region() + "|" + p.signal() + "|" + p.start() + "|" + p.forecast() + "|"
                    + p.issuedAt();
            if (points.putIfAbsent(key, p) == null) {
                n++;
            }
        }
        return n;
    }

    synchronized int size() {
        return points.size();
    }

    private static final Comparator<IntensityPoint> BEST = Comparator.comparing(IntensityPoint::forecast)
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
        var by = new TreeMap<String, IntensityPoint>();
        for (var p : points.values()) {
            if ((provider != null && !p.provider().equals(provider)) || !p.region().equals(region)
                    || p.signal() != signal || p.start().isBefore(from) || !p.start().isBefore(to)
                    || (forecastsOnly && !p.forecast())) {
                continue;
            }
            var k = p.start() + "|" + p.provider();
            var held = by.get(k);
            if (held == null || BEST.compare(p, held) < 0) {
                by.put(k, p);
            }
        }
        var out = new ArrayList<>(by.values());
        out.sort(Comparator.comparing(IntensityPoint::start).thenComparing(IntensityPoint::provider));
        return out;
    }

    @Override
    public synchronized Optional<IntensityPoint> latest(String provider, String region, IntensitySignal signal) {
        return points.values().stream().filter(p -> Objects.equals(p.provider(), provider)
                && p.region().equals(region) && p.signal() == signal).max(Comparator.comparing(IntensityPoint::start));
    }
}
