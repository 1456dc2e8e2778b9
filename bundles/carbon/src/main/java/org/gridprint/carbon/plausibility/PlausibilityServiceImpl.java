package org.gridprint.carbon.plausibility;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.PlausibilityService;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.carbon.CarbonEngine;
import org.gridprint.carbon.market.MarketPricing;
import org.gridprint.carbon.site.Sites;
import org.gridprint.carbon.window.Co2eRate;
import org.gridprint.carbon.window.Nano;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator decisions on SUSPECT_SPIKE windows. Both act on every window of the meter at that start (location- and
 * market-based Scope 2, Scope 3.3, or Scope 1), so the twins never disagree, and write new versions with the
 * operator's reason (the earlier versions stay in the history):
 * <ul>
 * <li>{@link #accept}: flag ACCEPTED (the SUSPECT_SPIKE flag stays beside it): counted in totals again;</li>
 * <li>{@link #correct}: the energy replaced by the operator's amount (exact, at most 9 decimals), repriced with the
 * window's own factor version, the market-based twin through {@link MarketPricing} and the loss energy from the
 * site's loss series; flags CORRECTED and ACCEPTED, quality ESTIMATED.</li>
 * </ul>
 * A later recomputation keeps these decisions (see the engine). Runs exclusive of the engine's computations.
 */
@Component(service = PlausibilityService.class)
public class PlausibilityServiceImpl implements PlausibilityService {

    private static final Logger LOG = LoggerFactory.getLogger(PlausibilityServiceImpl.class);

    @Reference
    private volatile EmissionWindowStore store;
    @Reference
    private volatile FactorCatalog catalog;
    @Reference
    private volatile MarketPricing market;
    @Reference
    private volatile Sites sites;
    @Reference
    private volatile CarbonEngine engine;

    private final Clock clock;

    /** For DS. */
    public PlausibilityServiceImpl() {
        this.clock = Clock.systemUTC();
    }

    /** Plain wiring. */
    public PlausibilityServiceImpl(EmissionWindowStore store, FactorCatalog catalog, MarketPricing market, Sites sites,
            CarbonEngine engine, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.market = Objects.requireNonNull(market, "market");
        this.sites = Objects.requireNonNull(sites, "sites");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<EmissionWindow> suspects(WindowQuery query) {
        var out = new ArrayList<EmissionWindow>();
        store.scanWindows(query, w -> {
            if (w.flags().contains(WindowFlag.SUSPECT_SPIKE) && !w.flags().contains(WindowFlag.ACCEPTED)) {
                out.add(w);
            }
            return out.size() < 100_000;
        });
        return out;
    }

    @Override
    public EmissionWindow accept(WindowKey key, String reason) {
        var why = requireReason(reason);
        return engine.exclusive(() -> {
            var current = current(key);
            if (!current.flags().contains(WindowFlag.SUSPECT_SPIKE)) {
                throw new IllegalArgumentException("window " + describe(key) + " is not SUSPECT_SPIKE; nothing to"
                        + " accept");
            }
            var changed = new ArrayList<EmissionWindow>();
            for (var w : twins(current)) {
                if (w.flags().contains(WindowFlag.SUSPECT_SPIKE) && !w.flags().contains(WindowFlag.ACCEPTED)) {
                    changed.add(with(w, w.amountNano(), w.co2eMicrograms(), w.coveredNano(), w.quality(),
                            plus(w.flags(), WindowFlag.ACCEPTED)));
                }
            }
            store.storeWindows(changed, why);
            LOG.info("accepted {} window(s) of meter '{}' at {}: {}", changed.size(), key.meterId(), key.start(), why);
            return current(key);
        });
    }

    @Override
    public EmissionWindow correct(WindowKey key, BigDecimal amount, String reason) {
        var why = requireReason(reason);
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("corrected amount of " + describe(key) + " must be >= 0, was "
                    + amount.toPlainString());
        }
        var nano = Nano.exact(amount);
        return engine.exclusive(() -> {
            var current = current(key);
            var all = twins(current);
            var primaryMethod = current.quantity() == org.gridprint.api.Quantity.FUEL_VOLUME ? AccountingMethod.DIRECT
                    : AccountingMethod.LOCATION_BASED;
            var primaryScope = primaryMethod == AccountingMethod.DIRECT ? Scope.SCOPE_1 : Scope.SCOPE_2;
            var primary = all.stream().filter(w -> w.scope() == primaryScope && w.method() == primaryMethod)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("window " + describe(key)
                            + " has no " + primaryScope + " " + primaryMethod + " window beside it to correct"));
            var factor = catalog.byRef(primary.factorRef()).orElseThrow(() -> new IllegalStateException(
                    "factor ref " + primary.factorRef() + " of window " + describe(primary.key())
                            + " is not in the factor catalog; cannot reprice"));
            var flags = plus(plus(primary.flags(), WindowFlag.CORRECTED), WindowFlag.ACCEPTED);
            var corrected = with(primary, nano, new Co2eRate(factor.gramsPerUnit()).micrograms(nano), 0,
                    Quality.ESTIMATED, flags);
            var out = new ArrayList<EmissionWindow>();
            out.add(corrected);
            if (primaryScope == Scope.SCOPE_2) {
                var site = sites.site(primary.siteId()).orElseThrow(() -> new IllegalStateException("site '"
                        + primary.siteId() + "' of window " + describe(primary.key()) + " is not configured"));
                out.addAll(market.marketWindows(site, List.of(corrected), clock.instant()));
                var s3 = all.stream().filter(w -> w.scope() == Scope.SCOPE_3).findFirst();
                if (s3.isPresent() && !site.lossSeries().isEmpty()) {
                    var loss = catalog.select(site.lossSeries(), primary.start(), site.gwpSet())
                            .filter(sel -> sel.factor().kind() == FactorKind.GRID_LOSS);
                    if (loss.isPresent()) {
                        var l = loss.get().factor().gramsPerUnit();
                        var lossNano = new BigDecimal(nano).multiply(l).divide(BigDecimal.ONE.subtract(l),
                                java.math.MathContext.DECIMAL128).setScale(0, java.math.RoundingMode.HALF_EVEN)
                                .longValueExact();
                        var s3w = s3.get();
                        var s3f = catalog.byRef(s3w.factorRef()).orElse(factor);
                        out.add(with(s3w, lossNano, new Co2eRate(s3f.gramsPerUnit()).micrograms(lossNano), 0,
                                Quality.ESTIMATED, plus(plus(s3w.flags(), WindowFlag.CORRECTED), WindowFlag.ACCEPTED)));
                    }
                }
            }
            store.storeWindows(out, why);
            LOG.info("corrected meter '{}' at {} to {} {}: {}", key.meterId(), key.start(), amount.toPlainString(),
                    key.quantity().canonicalUnit(), why);
            return current(key);
        });
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an operator decision needs a reason (kept in the window's history)");
        }
        return reason.trim();
    }

    private EmissionWindow current(WindowKey key) {
        return store.window(key).orElseThrow(() -> new IllegalArgumentException("no emission window " + describe(key)));
    }

    private List<EmissionWindow> twins(EmissionWindow w) {
        return store.windows(new WindowQuery(w.start(), w.start().plusMillis(1), Set.of(w.meterId()), "",
                Optional.empty(), Optional.empty())).stream().filter(x -> x.quantity() == w.quantity()).toList();
    }

    private EmissionWindow with(EmissionWindow w, long amount, long co2e, long covered, Quality quality,
            Set<WindowFlag> flags) {
        return new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), w.method(), w.start(), w.end(),
                amount, co2e, w.factorRef(), covered == 0 ? 0 : w.instrumentRef(), covered, quality, flags,
                w.firstReading(), w.lastReading(), 1, clock.instant());
    }

    private static Set<WindowFlag> plus(Set<WindowFlag> flags, WindowFlag f) {
        var s = flags.isEmpty() ? EnumSet.noneOf(WindowFlag.class) : EnumSet.copyOf(flags);
        s.add(f);
        return s;
    }

    static String describe(WindowKey k) {
        return "(meter " + k.meterId() + ", " + k.quantity() + ", " + k.scope() + ", " + k.method() + ", start "
                + k.start() + ")";
    }
}
