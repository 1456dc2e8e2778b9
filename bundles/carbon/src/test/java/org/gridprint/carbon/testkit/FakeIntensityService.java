package org.gridprint.carbon.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.ProviderStatus;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.SiteLocation;

/**
 * A small {@link IntensityService} for pure-logic tests: per site a ranked list of providers, each with the
 * points the test adds. {@code averageFor} takes the first-ranked provider holding an AVERAGE point covering
 * {@code [start, end)} (point.start &lt;= start, point.end &gt;= end; an actual before a forecast), converts its
 * value to g/kWh (g/kWh, kg/MWh as is; lb/MWh × 0.45359237) and names it
 * {@code intensity/<provider>/<region>/<point start>} with provider = the provider id; MARGINAL is never returned.
 * {@code resolution} is what the test sets. Thread-safe.
 */
public final class FakeIntensityService implements IntensityService {

    private static final BigDecimal LB_KG = new BigDecimal("0.45359237");

    private final Map<String, List<String>> ranked = new HashMap<>();
    private final Map<String, List<IntensityPoint>> points = new HashMap<>();
    private final Map<String, Duration> resolution = new HashMap<>();
    private final Map<String, SiteLocation> locations = new HashMap<>();
    private int averageCalls;

    /** Providers of a site, first = rank 1. */
    public synchronized FakeIntensityService providers(String siteId, String... providerIds) {
        ranked.put(siteId, List.of(providerIds));
        return this;
    }

    public synchronized FakeIntensityService add(IntensityPoint... ps) {
        for (var p : ps) {
            points.computeIfAbsent(p.provider(), k -> new ArrayList<>()).add(p);
        }
        return this;
    }

    public synchronized FakeIntensityService resolution(String siteId, Duration d) {
        resolution.put(siteId, d);
        return this;
    }

    /** An hourly-or-other AVERAGE actual in g/kWh. */
    public static IntensityPoint point(String provider, String region, Instant start, Duration length, String gPerKwh) {
        return new IntensityPoint(provider, region, IntensitySignal.AVERAGE, start, start.plus(length),
                new BigDecimal(gPerKwh), "g/kWh", false, false, "", start);
    }

    public synchronized int averageCalls() {
        return averageCalls;
    }

    @Override
    public synchronized List<ProviderStatus> providers(String siteId) {
        var out = new ArrayList<ProviderStatus>();
        ranked.forEach((site, ids) -> {
            if (siteId == null || siteId.isEmpty() || siteId.equals(site)) {
                for (var i = 0; i < ids.size(); i++) {
                    out.add(new ProviderStatus(site, i + 1, ids.get(i), "test", "", IntensitySignal.AVERAGE,
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
                }
            }
        });
        return out;
    }

    @Override
    public synchronized List<IntensityPoint> history(String siteId, String provider, Instant from, Instant to) {
        var out = new ArrayList<IntensityPoint>();
        for (var id : ranked.getOrDefault(siteId, List.of())) {
            if (provider == null || provider.equals(id)) {
                points.getOrDefault(id, List.of()).stream()
                        .filter(p -> !p.start().isBefore(from) && p.start().isBefore(to)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<FactorVersion> averageFor(String siteId, Instant start, Instant end) {
        averageCalls++;
        for (var id : ranked.getOrDefault(siteId, List.of())) {
            IntensityPoint best = null;
            for (var p : points.getOrDefault(id, List.of())) {
                if (p.signal() == IntensitySignal.AVERAGE && !p.start().isAfter(start) && !p.end().isBefore(end)
                        && (best == null || (best.forecast() && !p.forecast()))) {
                    best = p;
                }
            }
            if (best != null) {
                return Optional.of(factor(best));
            }
        }
        return Optional.empty();
    }

    static FactorVersion factor(IntensityPoint p) {
        var grams = switch (p.unit()) {
            case "g/kWh", "kg/MWh", "gCO2eq/kWh", "gCO2/kWh" -> p.value();
            case "lb/MWh", "lbs_co2_per_mwh" -> p.value().multiply(LB_KG);
            default -> throw new IllegalArgumentException("unit " + p.unit());
        };
        return new FactorVersion("intensity/" + p.provider() + "/" + p.region() + "/" + p.start(),
                FactorKind.GRID_AVERAGE, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, p.region(), p.value(),
                p.unit(), grams, "kWh", "as published", "test provider " + p.provider(), "live", p.start(), p.end(),
                p.provider(), p.estimated(), p.model());
    }

    @Override
    public synchronized Optional<Duration> resolution(String siteId) {
        return Optional.ofNullable(resolution.get(siteId));
    }

    @Override
    public synchronized Optional<SiteLocation> location(String siteId) {
        return Optional.ofNullable(locations.get(siteId));
    }

    @Override
    public synchronized SiteLocation setLocation(SiteLocation location) {
        locations.put(location.siteId(), location);
        return location;
    }
}
