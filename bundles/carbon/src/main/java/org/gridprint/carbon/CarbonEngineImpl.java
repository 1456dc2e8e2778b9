package org.gridprint.carbon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.carbon.market.MarketPricing;
import org.gridprint.carbon.plausibility.IntervalAlarms;
import org.gridprint.carbon.site.SiteConfiguration;
import org.gridprint.carbon.site.Sites;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carbon engine's DS component: windowed emissions from stored counter readings.
 *
 * <p><b>Events in.</b> {@value Topics#READINGS_STORED}: the handler only queues the event's METER_IDS with its FROM
 * (the earliest reading of the batch: a reading older than a meter's last window recomputes the windows it touches)
 * in a {@link CoalescingQueue} and returns. A generation or export meter queues its site's net meter. A single worker
 * thread ({@code gridprint-carbon}) takes the queued meters ({@link MeterWindows}); it never dies on an exception.
 *
 * <p><b>Events out.</b> One {@value Topics#EMISSIONS_COMPUTED} per worker run or recalculation that added or revised
 * windows (METER_IDS, FROM, TO, COUNT); {@code gridprint/alarms/SUSPECT_INTERVAL} (raised/cleared once per meter
 * condition) and {@code gridprint/alarms/COUNTER_RESET} ({@link IntervalAlarms}).
 */
@Component(service = { CarbonEngine.class, EventHandler.class }, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + Topics.READINGS_STORED)
public class CarbonEngineImpl implements CarbonEngine, EventHandler {

    /** The log category of the engine and its helpers. */
    static final Logger LOG = LoggerFactory.getLogger(CarbonEngineImpl.class);
    static final Duration STOP_AWAIT = Duration.ofSeconds(30);

    @Reference
    private volatile ReadingStore readingStore;
    @Reference
    private volatile EmissionWindowStore windowStore;
    @Reference
    private volatile MeterRegistry meterRegistry;
    @Reference
    private volatile Sites sites;
    @Reference
    private volatile FactorCatalog catalog;
    @Reference
    private volatile MarketPricing marketPricing;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntensityService intensity;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final Clock clock;
    private final CoalescingQueue queue;
    private final WindowPricing pricing;
    private final IntervalAlarms alarms = new IntervalAlarms();
    private final MeterWindows windows;
    private final MeterProblems problems = new MeterProblems();
    /** One meter computation at a time (worker, recalculation, operator decisions). */
    private final Object computeLock = new Object();

    /** For DS. */
    public CarbonEngineImpl() {
        this.clock = Clock.systemUTC();
        this.queue = new CoalescingQueue(this::runBatch, null);
        this.pricing = new WindowPricing(() -> catalog, () -> intensity);
        this.windows = newWindows();
    }

    /**
     * Plain wiring without OSGi.
     *
     * @param intensity  may be null (catalog factors only)
     * @param eventAdmin may be null (no events)
     * @param executor   runs the worker; {@code Runnable::run} runs queued work on the caller's thread
     */
    public CarbonEngineImpl(ReadingStore readingStore, EmissionWindowStore windowStore, MeterRegistry meterRegistry,
            Sites sites, FactorCatalog catalog, MarketPricing marketPricing, IntensityService intensity,
            EventAdmin eventAdmin, Clock clock, Executor executor) {
        this.readingStore = Objects.requireNonNull(readingStore, "readingStore");
        this.windowStore = Objects.requireNonNull(windowStore, "windowStore");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.sites = Objects.requireNonNull(sites, "sites");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.marketPricing = Objects.requireNonNull(marketPricing, "marketPricing");
        this.intensity = intensity;
        this.eventAdmin = eventAdmin;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new CoalescingQueue(this::runBatch, Objects.requireNonNull(executor, "executor"));
        this.pricing = new WindowPricing(() -> this.catalog, () -> this.intensity);
        this.windows = newWindows();
    }

    private MeterWindows newWindows() {
        return new MeterWindows(() -> readingStore, () -> windowStore, () -> meterRegistry, () -> sites,
                () -> marketPricing, () -> intensity, () -> eventAdmin, pricing, alarms, clock, queue::stopping);
    }

    @Activate
    void activate() {
        queue.startOwnThread("gridprint-carbon");
        LOG.info("carbon engine started; computing every meter once to catch up");
        requestAll();
    }

    @Deactivate
    void deactivate() {
        queue.stop(STOP_AWAIT);
    }

    /** A site configuration came or went: look at every meter again (cheap when nothing is new). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "siteRemoved")
    void siteAdded(SiteConfiguration configuration) {
        if (queue.started()) {
            requestAll();
        }
    }

    void siteRemoved(SiteConfiguration configuration) {
        if (queue.started()) {
            requestAll();
        }
    }

    @Override
    public void handleEvent(Event event) {
        try {
            var ids = meterIds(event.getProperty(EventKeys.METER_IDS));
            var from = event.getProperty(EventKeys.FROM) instanceof Number n ? n.longValue() : Long.MAX_VALUE;
            if (ids.isEmpty()) {
                LOG.debug("{} event without {}: queuing every meter", event.getTopic(), EventKeys.METER_IDS);
                requestAll();
            } else {
                request(ids, from);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not queue meters of event {}: {}", event.getTopic(), e.toString(), e);
        }
    }

    @Override
    public void requestRecompute(Collection<String> meterIds) {
        request(meterIds, Long.MAX_VALUE);
    }

    @Override
    public void requestRecompute(Collection<String> meterIds, Instant from) {
        request(meterIds, from.toEpochMilli());
    }

    /** Queues the meters (a generation/export meter's net meter with it) from a reading time. */
    private void request(Collection<String> meterIds, long fromMs) {
        var all = new ArrayList<String>(meterIds);
        try {
            var registry = meterRegistry;
            var s = sites;
            if (registry != null && s != null) {
                for (var id : meterIds) {
                    registry.meter(id).flatMap(m -> s.site(m.siteId())).ifPresent(site -> {
                        if ((site.generationMeters().contains(id) || site.exportMeters().contains(id))
                                && !site.netMeter().isEmpty()) {
                            all.add(site.netMeter());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("could not look up net meters: {}", e.toString());
        }
        queue.request(all, fromMs);
    }

    private void requestAll() {
        var registry = meterRegistry;
        if (registry != null) {
            requestRecompute(registry.meters().stream().map(Meter::id).toList());
        }
    }

    int queued() {
        return queue.size();
    }

    void runBatch(List<CoalescingQueue.Queued> batch, Consumer<String> starting) {
        var runs = new ArrayList<MeterRun>(batch.size());
        pricing.clear();
        try {
            for (var q : batch) {
                if (queue.stopping()) {
                    break;
                }
                starting.accept(q.meterId());
                runs.add(computeSafely(q.meterId(), q.fromMs(), Long.MAX_VALUE, null, false));
            }
        } finally {
            CalculationEvents.postComputed(eventAdmin, runs);
        }
    }

    MeterRun computeSafely(String meterId, long fromMs, long toMs, String reason, boolean exactRange) {
        try {
            MeterRun run;
            synchronized (computeLock) {
                run = windows.compute(meterId, fromMs, toMs, reason, exactRange);
            }
            problems.note(run);
            return run;
        } catch (RuntimeException e) {
            return problems.failed(meterId, e);
        }
    }

    @Override
    public MeterRun recompute(String meterId) {
        pricing.clear();
        var run = computeSafely(meterId, Long.MAX_VALUE, Long.MAX_VALUE, null, false);
        CalculationEvents.postComputed(eventAdmin, List.of(run));
        return run;
    }

    @Override
    public List<MeterRun> recalculate(Instant from, Instant to, Optional<String> siteId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a recalculation needs a reason (recorded with every revised window)");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("recalculation must end after it starts: " + from + " .. " + to);
        }
        var registry = meterRegistry;
        var s = sites;
        if (siteId.isPresent() && s.site(siteId.get()).isEmpty()) {
            throw new IllegalArgumentException("site '" + siteId.get() + "' is not configured (or not usable)");
        }
        var runs = new ArrayList<MeterRun>();
        pricing.clear();
        for (var m : registry.meters()) {
            if (siteId.isPresent() && !siteId.get().equals(m.siteId())) {
                continue;
            }
            runs.add(computeSafely(m.id(), from.toEpochMilli(), to.toEpochMilli(), reason, true));
        }
        CalculationEvents.postComputed(eventAdmin, runs);
        return runs;
    }

    /** Runs {@code action} while no meter is computed (operator decisions on windows). */
    <T> T exclusive(java.util.function.Supplier<T> action) {
        synchronized (computeLock) {
            return action.get();
        }
    }

    static List<String> meterIds(Object property) {
        var ids = new ArrayList<String>();
        if (property instanceof String[] array) {
            for (var id : array) {
                if (id != null && !id.isBlank()) {
                    ids.add(id);
                }
            }
        } else if (property instanceof Collection<?> collection) {
            for (var id : collection) {
                if (id != null && !id.toString().isBlank()) {
                    ids.add(id.toString());
                }
            }
        } else if (property instanceof String id && !id.isBlank()) {
            ids.add(id);
        }
        return ids;
    }
}
