package org.gridprint.carbon.ghost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.carbon.market.MarketPricing;
import org.gridprint.carbon.site.Site;

/**
 * One computation of an asset's ghost-load windows: the closed windows (end at or before now) after the last one
 * computed, at most {@link #MAX_SPAN} per run, each with its estimated energy ({@link Asset#ghostNano}), flag
 * {@link WindowFlag#GHOST_LOAD}, quality ESTIMATED, priced location-based and market-based (twins by
 * {@link MarketPricing}), stored with reason {@code ghost load}. Windows without unoccupied time are not stored.
 * Windows are aligned like the engine's: the site's window length from the epoch (UTC hours by default), finer at the
 * first-ranked intensity provider's resolution.
 */
public final class GhostLoadRunner {

    /** Most a single run computes (bounded work; the next run goes on). */
    public static final Duration MAX_SPAN = Duration.ofDays(31);
    static final String REASON = "ghost load";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** What a run did: windows computed up to {@code until}; stored windows; a problem that stopped it early. */
    public record Run(Instant until, int windows, String problem) {
    }

    private final EmissionWindowStore store;
    private final MarketPricing market;
    private final LocationPricer pricer;
    private final IntensityService intensity;

    /** @param intensity may be null */
    public GhostLoadRunner(EmissionWindowStore store, MarketPricing market, LocationPricer pricer,
            IntensityService intensity) {
        this.store = store;
        this.market = market;
        this.pricer = pricer;
        this.intensity = intensity;
    }

    /** The window length for the site: its own, or the first provider's resolution where finer. */
    public Duration windowLength(Site site) {
        var len = site.window();
        if (intensity != null) {
            var r = intensity.resolution(site.id());
            if (r.isPresent() && !r.get().isZero() && !r.get().isNegative() && r.get().compareTo(len) < 0) {
                len = r.get();
            }
        }
        return len;
    }

    /**
     * Where the next run starts: after {@code computedUntil} if known, else after the last stored window, else at
     * the asset's {@code since} day (site's zone), else at the start of {@code now}'s day.
     */
    public Instant startFor(Asset asset, Site site, Instant computedUntil, Instant now) {
        if (computedUntil != null) {
            return computedUntil;
        }
        var last = store.lastWindow(asset.id(), Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED);
        if (last.isPresent()) {
            return last.get().end();
        }
        var day = asset.since().orElse(now.atZone(site.timeZone()).toLocalDate());
        return day.atStartOfDay(site.timeZone()).toInstant();
    }

    public Run run(Asset asset, Site site, Instant computedUntil, Instant now) {
        var len = windowLength(site);
        long lenMs = len.toMillis();
        long fromMs = Math.floorDiv(startFor(asset, site, computedUntil, now).toEpochMilli(), lenMs) * lenMs;
        long toMs = Math.floorDiv(now.toEpochMilli(), lenMs) * lenMs;
        toMs = Math.min(toMs, fromMs + Math.floorDiv(MAX_SPAN.toMillis(), lenMs) * lenMs);
        var locs = new ArrayList<EmissionWindow>();
        String problem = null;
        long reached = fromMs;
        for (long s = fromMs; s + lenMs <= toMs; s += lenMs) {
            var start = Instant.ofEpochMilli(s);
            var end = Instant.ofEpochMilli(s + lenMs);
            long nano = asset.ghostNano(start, end, site.timeZone());
            if (nano > 0) {
                var priced = pricer.price(site, start, end);
                if (priced.isEmpty()) {
                    problem = "asset '" + asset.id() + "': no location-based factor for site '" + site.id() + "' at "
                            + start + " (no intensity value and no factor in " + site.locationSeries()
                            + "); its ghost load waits until one is there";
                    break;
                }
                var p = priced.get();
                long co2e = BigDecimal.valueOf(nano).multiply(p.gramsPerKwh()).divide(THOUSAND)
                        .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                var flags = EnumSet.of(WindowFlag.GHOST_LOAD);
                flags.addAll(p.flags());
                locs.add(new EmissionWindow(asset.id(), site.id(), Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                        AccountingMethod.LOCATION_BASED, start, end, nano, co2e, p.ref(), 0, 0, Quality.ESTIMATED,
                        flags, start, end, 1, now));
            }
            reached = s + lenMs;
        }
        if (!locs.isEmpty()) {
            var all = new ArrayList<EmissionWindow>(locs.size() * 2);
            all.addAll(locs);
            all.addAll(market.marketWindows(site, locs, now));
            store.storeWindows(List.copyOf(all), REASON);
        }
        return new Run(Instant.ofEpochMilli(Math.max(reached, fromMs)), locs.size(), problem);
    }
}
