package org.gridprint.carbon;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.window.Co2eRate;

/**
 * Chooses and registers the factor version of a window: location-based from the site's intensity providers
 * ({@link IntensityService#averageFor}, first-ranked with fallback), else from the catalog series of the site in
 * rank order ({@link FactorCatalog#select}, the policy's latest-published fallback flagged); the grid gross loss for
 * Scope 3.3; the fuel factor for Scope 1. Marginal values never price a window. Answers are cached per run
 * ({@link #clear()}), so the meters of one site share one look-up per window.
 */
final class WindowPricing {

    /** A factor chosen for a window: its register ref, the version, the prepared rate and the window flags it adds. */
    record Priced(long ref, FactorVersion factor, Co2eRate rate, int flags) implements Outcome {
    }

    /** No factor: why (names the site, instant, providers and series). */
    record Missing(String problem) implements Outcome {
    }

    sealed interface Outcome permits Priced, Missing {
    }

    private static final int CACHE = 50_000;

    private final Supplier<FactorCatalog> catalog;
    private final Supplier<IntensityService> intensity;
    private final Map<String, Outcome> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
            return size() > CACHE;
        }
    };
    private final Map<BigDecimal, Co2eRate> rates = new HashMap<>();

    WindowPricing(Supplier<FactorCatalog> catalog, Supplier<IntensityService> intensity) {
        this.catalog = catalog;
        this.intensity = intensity;
    }

    /** Forgets cached answers (a new worker batch or recalculation sees new factors and intensity values). */
    synchronized void clear() {
        cache.clear();
    }

    private Co2eRate rate(BigDecimal g) {
        return rates.computeIfAbsent(g, Co2eRate::new);
    }

    /** Location-based Scope 2 for {@code [start, end)} of the site. */
    synchronized Outcome location(Site site, Instant start, Instant end) {
        return cache.computeIfAbsent("L|" + site.id() + "|" + start + "|" + end, k -> chooseLocation(site, start, end));
    }

    private Outcome chooseLocation(Site site, Instant start, Instant end) {
        var service = intensity.get();
        String providers = "none";
        var hasProviders = false;
        if (service != null) {
            var ranked = service.providers(site.id());
            hasProviders = !ranked.isEmpty();
            providers = ranked.isEmpty() ? "none" : ranked.stream().map(p -> p.provider()).toList().toString();
            var found = service.averageFor(site.id(), start, end);
            if (found.isPresent() && found.get().kind() != FactorKind.GRID_MARGINAL) {
                var f = found.get();
                if (!"kWh".equals(f.perUnit())) {
                    return new Missing("intensity value " + f.id() + " for site '" + site.id() + "' is per "
                            + f.perUnit() + ", expected per kWh");
                }
                var flags = 0;
                if (!ranked.isEmpty() && !ranked.get(0).provider().equals(f.provider())) {
                    flags |= bit(WindowFlag.FALLBACK);
                }
                if (f.estimated()) {
                    flags |= bit(WindowFlag.PROVIDER_ESTIMATED);
                }
                if (forecastOnly(service, site, f)) {
                    flags |= bit(WindowFlag.FORECAST);
                }
                return new Priced(catalog.get().register(f), f, rate(f.gramsPerUnit()), flags);
            }
        }
        var series = site.locationSeries();
        for (var i = 0; i < series.size(); i++) {
            var sel = catalog.get().select(series.get(i), start, site.gwpSet());
            if (sel.isPresent()) {
                var f = sel.get().factor();
                if (f.kind() == FactorKind.GRID_MARGINAL || !"kWh".equals(f.perUnit())) {
                    continue;
                }
                var flags = 0;
                if (hasProviders || i > 0) {
                    flags |= bit(WindowFlag.FALLBACK);
                }
                if (sel.get().latestPublished()) {
                    flags |= bit(WindowFlag.LATEST_PUBLISHED);
                }
                if (f.estimated()) {
                    flags |= bit(WindowFlag.PROVIDER_ESTIMATED);
                }
                return new Priced(sel.get().ref(), f, rate(f.gramsPerUnit()), flags);
            }
        }
        return new Missing("no location-based factor for site '" + site.id() + "' at " + start + ": intensity"
                + " providers " + providers + " hold no average value covering " + start + " .. " + end
                + " and the catalog series " + series + " have none (configure locationSeries or a provider)");
    }

    /** True when the provider holds only forecast values for the value's start (no actual yet). */
    private static boolean forecastOnly(IntensityService service, Site site, FactorVersion f) {
        try {
            var points = service.history(site.id(), f.provider(), f.validFrom(), f.validFrom().plusMillis(1));
            return !points.isEmpty() && points.stream().allMatch(p -> p.forecast());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The grid gross loss fraction for Scope 3.3, empty when the site has no loss series or the catalog none. */
    synchronized Optional<Priced> loss(Site site, Instant start) {
        if (site.lossSeries().isEmpty()) {
            return Optional.empty();
        }
        var outcome = cache.computeIfAbsent("S|" + site.id() + "|" + start, k -> {
            var sel = catalog.get().select(site.lossSeries(), start, site.gwpSet());
            if (sel.isEmpty() || sel.get().factor().kind() != FactorKind.GRID_LOSS) {
                return new Missing("no grid loss factor in series " + site.lossSeries() + " for " + start);
            }
            var l = sel.get().factor().gramsPerUnit();
            if (l.signum() <= 0 || l.compareTo(BigDecimal.ONE) >= 0) {
                return new Missing("grid loss " + l.toPlainString() + " of " + sel.get().factor().id()
                        + " is unknown or not a fraction in (0, 1)");
            }
            var flags = sel.get().latestPublished() ? bit(WindowFlag.LATEST_PUBLISHED) : 0;
            return new Priced(sel.get().ref(), sel.get().factor(), null, flags);
        });
        return outcome instanceof Priced p ? Optional.of(p) : Optional.empty();
    }

    /**
     * The factor of a Scope 3.3 window: the loss energy priced with the grid factor. Registered as its own version
     * (id {@code scope3.3/<grid id>|<loss id>}) naming both, so the window's one ref leads to both sources.
     */
    synchronized Priced scope3(Priced grid, Priced loss) {
        var key = "3|" + grid.ref() + "|" + loss.ref();
        var cached = cache.get(key);
        if (cached instanceof Priced p) {
            return p;
        }
        var g = grid.factor();
        var l = loss.factor();
        var id = "scope3.3/" + g.id() + "|" + l.id();
        if (id.length() > 200) {
            id = "scope3.3/" + Integer.toHexString(g.id().hashCode()) + "/" + l.id();
        }
        var from = g.validFrom().isAfter(l.validFrom()) ? g.validFrom() : l.validFrom();
        var to = g.validTo().isBefore(l.validTo()) ? g.validTo() : l.validTo();
        if (!to.isAfter(from)) {
            to = from.plusMillis(1);
        }
        var f = new FactorVersion(id, g.kind(), Scope.SCOPE_3, AccountingMethod.LOCATION_BASED, g.region(),
                g.publishedValue(), g.publishedUnit(), g.gramsPerUnit(), "kWh", g.gwpSet(),
                "Scope 3.3 T&D losses: loss energy = consumption x L/(1-L) with L = " + l.gramsPerUnit().toPlainString()
                        + " (" + l.id() + ", " + l.source() + ", " + l.edition() + "), priced with " + g.id() + " ("
                        + g.source() + ", " + g.edition() + ")",
                g.edition() + " + " + l.edition(), from, to, g.provider(), g.estimated(), g.model());
        var p = new Priced(catalog.get().register(f), f, grid.rate(), grid.flags() | loss.flags());
        cache.put(key, p);
        return p;
    }

    /** Loss energy {@code E × L / (1 − L)} in nano-units, HALF_EVEN once. */
    static long lossNano(long amountNano, BigDecimal lossFraction) {
        return new BigDecimal(amountNano).multiply(lossFraction)
                .divide(BigDecimal.ONE.subtract(lossFraction), MathContext.DECIMAL128)
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** The fuel factor (Scope 1) of a series, per m3. */
    synchronized Outcome fuel(Site site, String series, Instant start) {
        return cache.computeIfAbsent("F|" + series + "|" + site.gwpSet() + "|" + start, k -> {
            var sel = catalog.get().select(series, start, site.gwpSet());
            if (sel.isEmpty()) {
                return new Missing("no fuel factor in catalog series '" + series + "' (site '" + site.id() + "', GWP "
                        + site.gwpSet() + ") for " + start);
            }
            var f = sel.get().factor();
            if (!"m3".equals(f.perUnit())) {
                return new Missing("fuel factor " + f.id() + " is per " + f.perUnit() + ", expected per m3 (the"
                        + " FUEL_VOLUME canonical unit)");
            }
            return new Priced(sel.get().ref(), f, rate(f.gramsPerUnit()),
                    sel.get().latestPublished() ? bit(WindowFlag.LATEST_PUBLISHED) : 0);
        });
    }

    static int bit(WindowFlag f) {
        return 1 << f.ordinal();
    }

    static java.util.Set<WindowFlag> flags(int bits) {
        var set = java.util.EnumSet.noneOf(WindowFlag.class);
        for (var f : WindowFlag.values()) {
            if ((bits & bit(f)) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    static int bits(java.util.Set<WindowFlag> flags) {
        var b = 0;
        for (var f : flags) {
            b |= bit(f);
        }
        return b;
    }

    static List<String> none() {
        return List.of();
    }
}
