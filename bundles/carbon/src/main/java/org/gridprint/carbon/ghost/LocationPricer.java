package org.gridprint.carbon.ghost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.carbon.site.Site;

/**
 * The location-based factor of a site for a window, as the engine chooses it: the ranked intensity providers' stored
 * average ({@link IntensityService#averageFor}), else the site's catalog location series in rank order. Marginal
 * values never price a window.
 */
public final class LocationPricer {

    /** A factor for a window: its register ref, g CO2e/kWh, and the flags its choice implies. */
    public record Priced(long ref, BigDecimal gramsPerKwh, Set<WindowFlag> flags) {
    }

    private final IntensityService intensity;
    private final FactorCatalog catalog;

    /** @param intensity may be null (no intensity providers installed) */
    public LocationPricer(IntensityService intensity, FactorCatalog catalog) {
        this.intensity = intensity;
        this.catalog = catalog;
    }

    public Optional<Priced> price(Site site, Instant start, Instant end) {
        boolean hasProviders = false;
        if (intensity != null) {
            var providers = intensity.providers(site.id());
            hasProviders = !providers.isEmpty();
            var f = intensity.averageFor(site.id(), start, end);
            if (f.isPresent() && f.get().kind() != FactorKind.GRID_MARGINAL && "kWh".equals(f.get().perUnit())) {
                var flags = EnumSet.noneOf(WindowFlag.class);
                if (!providers.isEmpty() && !providers.get(0).provider().equals(f.get().provider())) {
                    flags.add(WindowFlag.FALLBACK);
                }
                if (f.get().estimated()) {
                    flags.add(WindowFlag.PROVIDER_ESTIMATED);
                }
                return Optional.of(new Priced(catalog.register(f.get()), f.get().gramsPerUnit(), flags));
            }
        }
        var series = site.locationSeries();
        for (int i = 0; i < series.size(); i++) {
            var s = catalog.select(series.get(i), start, site.gwpSet());
            if (s.isEmpty() || s.get().factor().kind() == FactorKind.GRID_MARGINAL
                    || !"kWh".equals(s.get().factor().perUnit())) {
                continue;
            }
            var flags = EnumSet.noneOf(WindowFlag.class);
            if (hasProviders || i > 0) {
                flags.add(WindowFlag.FALLBACK);
            }
            if (s.get().latestPublished()) {
                flags.add(WindowFlag.LATEST_PUBLISHED);
            }
            if (s.get().factor().estimated()) {
                flags.add(WindowFlag.PROVIDER_ESTIMATED);
            }
            return Optional.of(new Priced(s.get().ref(), s.get().factor().gramsPerUnit(), flags));
        }
        return Optional.empty();
    }
}
