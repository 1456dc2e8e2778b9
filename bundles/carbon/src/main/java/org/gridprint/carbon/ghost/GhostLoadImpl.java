package org.gridprint.carbon.ghost;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.carbon.market.MarketPricing;
import org.gridprint.carbon.site.Sites;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One static asset (factory PID {@code org.gridprint.carbon.asset}): registers the asset's parameters in register
 * {@code asset} (ledgered: what the estimates were made with) and computes its ghost-load windows every
 * {@code pollMinutes} on its own daemon thread (bounded per run, {@link GhostLoadRunner#MAX_SPAN}). A bad
 * configuration is logged at ERROR and raised as CONFIG_ERROR naming PID, field and value; the component stays
 * registered and computes nothing. A lasting problem (unknown site, no factor, store down) is logged once when it
 * starts and once when it ends.
 */
@Designate(ocd = AssetConfig.class, factory = true)
@Component(name = AssetParser.PID, service = GhostLoad.class, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
public class GhostLoadImpl implements GhostLoad {

    public static final String ASSETS = "asset";
    private static final Logger LOG = LoggerFactory.getLogger(GhostLoadImpl.class);

    @Reference
    private Sites sites;
    @Reference
    private EmissionWindowStore store;
    @Reference
    private FactorCatalog catalog;
    @Reference
    private MarketPricing market;
    @Reference
    private RecordRegister register;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntensityService intensity;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final Clock clock;
    private volatile Asset asset;
    private volatile Instant computedUntil;
    private volatile String problem;
    private ScheduledExecutorService scheduler;

    /** For OSGi. */
    public GhostLoadImpl() {
        this.clock = Clock.systemUTC();
    }

    /** Without OSGi (tests): nothing is scheduled; call {@link #configure} and {@link #runOnce}. */
    public GhostLoadImpl(Sites sites, EmissionWindowStore store, FactorCatalog catalog, MarketPricing market,
            RecordRegister register, IntensityService intensity, EventAdmin eventAdmin, Clock clock) {
        this.sites = sites;
        this.store = store;
        this.catalog = catalog;
        this.market = market;
        this.register = register;
        this.intensity = intensity;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        int poll = configure(properties);
        if (poll > 0) {
            var id = asset.id();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                var t = new Thread(r, "gridprint-ghost-" + id);
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(() -> runOnce(clock.instant()), 5, poll * 60L, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        var s = scheduler;
        if (s != null) {
            s.shutdown(); // no interrupt: Derby closes a connection whose thread is interrupted
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("ghost load of '{}' still running after 30 s at deactivation", asset.id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Validates and registers the asset; returns its poll period in minutes, 0 when the configuration is invalid. */
    public int configure(Map<String, ?> properties) {
        var result = AssetParser.parse(properties);
        if (result instanceof AssetParser.Result.Invalid invalid) {
            asset = null;
            var message = String.join("; ", invalid.problems());
            LOG.error("{}", message);
            post(Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant()).withSource(invalid.pid()));
            return 0;
        }
        var valid = (AssetParser.Result.Valid) result;
        asset = valid.asset();
        computedUntil = null;
        try {
            register.put(ASSETS, asset.id(), asset.registerText(), "configured (" + asset.pid() + ")");
        } catch (RuntimeException e) {
            problem("asset '" + asset.id() + "' could not be registered: " + e.getMessage());
        }
        return valid.pollMinutes();
    }

    @Override
    public Optional<Asset> asset() {
        return Optional.ofNullable(asset);
    }

    @Override
    public Optional<Instant> computedUntil() {
        return Optional.ofNullable(computedUntil);
    }

    @Override
    public synchronized int runOnce(Instant now) {
        var a = asset;
        if (a == null) {
            return 0;
        }
        try {
            var site = sites.site(a.siteId());
            if (site.isEmpty()) {
                problem("asset '" + a.id() + "': site '" + a.siteId() + "' is not configured (no"
                        + " org.gridprint.carbon.site with that id); no ghost load is estimated until it is");
                return 0;
            }
            var runner = new GhostLoadRunner(store, market, new LocationPricer(intensity, catalog), intensity);
            var run = runner.run(a, site.get(), computedUntil, now);
            computedUntil = run.until();
            if (run.problem() != null) {
                problem(run.problem());
            } else {
                solved(a);
            }
            return run.windows();
        } catch (RuntimeException e) {
            problem("asset '" + a.id() + "': ghost load not computed: " + e.getMessage());
            return 0;
        }
    }

    private void problem(String message) {
        if (!message.equals(problem)) {
            LOG.warn("{}", message);
            problem = message;
        } else {
            LOG.debug("{}", message);
        }
    }

    private void solved(Asset a) {
        if (problem != null) {
            LOG.info("asset '{}': ghost load computed again ({})", a.id(), "problem ended");
            problem = null;
        }
    }

    private void post(Alarm alarm) {
        var ea = eventAdmin;
        if (ea == null) {
            return;
        }
        try {
            ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        } catch (RuntimeException e) {
            LOG.warn("could not post alarm {}: {}", alarm.topic(), e.toString());
        }
    }
}
