package org.gridprint.carbon;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.EmissionFactorProvider;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.ReadingStore;
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
 * Location-based Scope 2 emissions from stored {@link Quantity#ACTIVE_ENERGY_IMPORT} counter readings: the DS
 * component and its wiring.
 *
 * <p><b>Events in.</b> Handles {@value Topics#READINGS_STORED}: the handler only queues the event's
 * {@link EventKeys#METER_IDS} (all meters if the key is missing) in a {@link CoalescingQueue} and returns, so
 * Felix EventAdmin never puts it on its deny list. A single worker thread ({@code gridprint-carbon}) takes the
 * queued meters; a meter queued again before the worker got to it is computed once.
 *
 * <p><b>Per meter</b>: {@link MeterCalculation} (readings in adaptive windows, {@link IntervalCalculator}, the
 * site's factor from {@link SiteFactors}, idempotent {@link EmissionStore#store}); lasting problems are logged
 * once ({@link MeterProblems}). The worker never dies on an exception.
 *
 * <p><b>Events out</b> ({@link CalculationEvents}): one {@value Topics#EMISSIONS_COMPUTED} per worker run that
 * stored new records; {@code gridprint/alarms/COUNTER_RESET} per reset, rollover or counter-drop
 * interval.
 *
 * <p>Readings that arrive later with a timestamp before the end of the last computed interval are not
 * recomputed (first version).
 */
@Component(service = { CarbonCalculator.class, org.osgi.service.event.EventHandler.class }, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + Topics.READINGS_STORED)
public class CarbonCalculatorImpl implements CarbonCalculator, EventHandler {

    /** The log category of the calculator and its helpers. */
    static final Logger LOG = LoggerFactory.getLogger(CarbonCalculatorImpl.class);
    /** How long deactivation waits for the worker to finish its current meter. */
    static final Duration STOP_AWAIT = Duration.ofSeconds(30);

    @Reference
    private volatile ReadingStore readingStore;

    @Reference
    private volatile EmissionStore emissionStore;

    @Reference
    private volatile MeterRegistry meterRegistry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final List<EmissionFactorProvider> providers = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final CoalescingQueue queue;
    private final MeterCalculation calculation;
    private final SiteFactors factors;

    /** For DS. */
    public CarbonCalculatorImpl() {
        this.clock = Clock.systemUTC();
        this.queue = new CoalescingQueue(this::runBatch, null);
        this.factors = new SiteFactors(providers, () -> eventAdmin, clock);
        this.calculation = newCalculation();
    }

    /**
     * Plain wiring without OSGi.
     *
     * @param providers  every one is asked; two giving a factor for the same site means no factor for it
     *                   ({@link SiteFactors})
     * @param eventAdmin may be null (no events)
     * @param executor   runs the worker; {@code Runnable::run} runs queued work on the caller's thread
     */
    public CarbonCalculatorImpl(ReadingStore readingStore, EmissionStore emissionStore, MeterRegistry meterRegistry,
            Collection<? extends EmissionFactorProvider> providers, EventAdmin eventAdmin, Clock clock,
            Executor executor) {
        this.readingStore = Objects.requireNonNull(readingStore, "readingStore");
        this.emissionStore = Objects.requireNonNull(emissionStore, "emissionStore");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.providers.addAll(providers);
        this.eventAdmin = eventAdmin;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new CoalescingQueue(this::runBatch, Objects.requireNonNull(executor, "executor"));
        this.factors = new SiteFactors(this.providers, () -> this.eventAdmin, clock);
        this.factors.checkConfiguredSites();
        this.calculation = newCalculation();
    }

    /** Reads the (dynamic) references at each use. */
    private MeterCalculation newCalculation() {
        return new MeterCalculation(() -> readingStore, () -> emissionStore, () -> meterRegistry,
                factors, () -> eventAdmin, clock, queue::stopping);
    }

    @Activate
    void activate() {
        queue.startOwnThread("gridprint-carbon");
        LOG.info("carbon calculator started; computing every meter once to catch up");
        requestAll();
    }

    @Deactivate
    void deactivate() {
        queue.stop(STOP_AWAIT);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProvider")
    void addProvider(EmissionFactorProvider provider) {
        providers.add(provider);
        factors.checkConfiguredSites();
        providersChanged();
    }

    void removeProvider(EmissionFactorProvider provider) {
        providers.remove(provider);
        factors.providerRemoved();
        // removing a duplicate site configuration gives the remaining one its factor back
        providersChanged();
    }

    /** A site may have got (back) its factor: look at every meter again (cheap when nothing is new). */
    private void providersChanged() {
        if (queue.started()) {
            requestAll();
        }
    }

    @Override
    public void handleEvent(Event event) {
        try {
            var ids = meterIds(event.getProperty(EventKeys.METER_IDS));
            if (ids.isEmpty()) {
                LOG.debug("{} event without {}: queuing every meter", event.getTopic(), EventKeys.METER_IDS);
                requestAll();
            } else {
                requestRecompute(ids);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not queue meters of event {}: {}", event.getTopic(), e.toString(), e);
        }
    }

    @Override
    public void requestRecompute(Collection<String> meterIds) {
        queue.request(meterIds);
    }

    private void requestAll() {
        var registry = meterRegistry;
        if (registry != null) {
            requestRecompute(registry.meters().stream().map(Meter::id).toList());
        }
    }

    /** Queued meters not yet taken by the worker. */
    int queued() {
        return queue.size();
    }

    /**
     * One worker run: each meter, then one COMPUTED event for what was newly stored. If a meter throws an
     * {@link Error}, the COMPUTED event still covers the meters finished before it; the queue puts the rest back.
     */
    void runBatch(List<String> meterIds, Consumer<String> starting) {
        var runs = new ArrayList<MeterRun>(meterIds.size());
        try {
            for (var id : meterIds) {
                if (queue.stopping()) {
                    break;
                }
                starting.accept(id);
                runs.add(calculation.computeSafely(id));
            }
        } finally {
            CalculationEvents.postComputed(eventAdmin, runs);
        }
    }

    @Override
    public MeterRun recompute(String meterId) {
        var run = calculation.computeSafely(meterId);
        CalculationEvents.postComputed(eventAdmin, List.of(run));
        return run;
    }

    /** The meter ids of an event property: String[], a collection or one String; blanks dropped. */
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
