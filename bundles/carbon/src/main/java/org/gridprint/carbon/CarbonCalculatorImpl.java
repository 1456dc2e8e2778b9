package org.gridprint.carbon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionFactorProvider;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;
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
 * Location-based Scope 2 emissions from stored {@link Quantity#ACTIVE_ENERGY_IMPORT} counter readings.
 *
 * <p><b>Events in.</b> Handles {@value Topics#READINGS_STORED}: the handler only queues the event's
 * {@link EventKeys#METER_IDS} (all meters if the key is missing) and returns, so Felix EventAdmin never puts it on
 * its deny list. A single worker thread ({@code gridprint-carbon}) takes the queued meters; a meter queued again
 * before the worker got to it is computed once (coalescing), so the queue never holds more than the meters.
 *
 * <p><b>Per meter</b> (via {@link MeterRegistry} for its site and counter rollover): readings from the end of the
 * last stored location-based interval ({@link EmissionStore#lastIntervalEnd}; the reading at that end is the start
 * point; from the first reading if there is none) up to the newest reading, read in time windows that adapt to the
 * data density, differenced by {@link IntervalCalculator}, multiplied by the site's factor
 * ({@code gramsCo2e = kWh × g CO2e/kWh}, in decimal, rounded once) and stored ({@link EmissionStore#store} is
 * idempotent, so a repeated run stores nothing new). Reset and rollover intervals raise
 * {@code gridprint/alarms/COUNTER_RESET}. A meter whose site has no factor gets no records (logged once while
 * that lasts); a failing meter is logged with its id and the others go on. The worker never dies on an exception.
 *
 * <p><b>Events out.</b> One {@value Topics#EMISSIONS_COMPUTED} per worker run that stored new records: METER_IDS
 * (String[], sorted), FROM/TO (Long epoch millis: first interval start, last interval end), COUNT (Integer, new
 * records).
 *
 * <p>Readings that arrive later with a timestamp before the end of the last computed interval are not
 * recomputed (first version).
 */
@Component(service = { CarbonCalculator.class, org.osgi.service.event.EventHandler.class }, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + Topics.READINGS_STORED)
public class CarbonCalculatorImpl implements CarbonCalculator, EventHandler {

    static final Quantity QUANTITY = Quantity.ACTIVE_ENERGY_IMPORT;
    static final AccountingMethod METHOD = AccountingMethod.LOCATION_BASED;
    /** First read window; it doubles while windows hold few readings and halves while they hold many. */
    static final Duration FIRST_WINDOW = Duration.ofDays(1);
    static final Duration MIN_WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** Granularity of the search for a meter's first reading when it has no interval yet. */
    static final Duration START_SEARCH_STEP = Duration.ofMinutes(1);
    /** Readings per window the adaptation aims at (bounds memory per meter run). */
    static final int TARGET_READINGS_PER_WINDOW = 10_000;
    /** At most this many COUNTER_RESET alarms per meter run; further ones are summed up in the last. */
    static final int MAX_RESET_ALARMS_PER_RUN = 10;

    static final String NO_READINGS = "no " + Quantity.ACTIVE_ENERGY_IMPORT + " readings yet";

    private static final Logger LOG = LoggerFactory.getLogger(CarbonCalculatorImpl.class);

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

    private final Object queueLock = new Object();
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private boolean drainScheduled;
    private final Object computeLock = new Object();
    /** The last problem logged per meter, so a lasting problem is logged once. */
    private final Map<String, String> lastProblem = new ConcurrentHashMap<>();

    private volatile Executor executor;
    private ExecutorService ownedExecutor;
    private volatile boolean stopping;

    /** For DS. */
    public CarbonCalculatorImpl() {
        this.clock = Clock.systemUTC();
    }

    /**
     * Plain wiring without OSGi.
     *
     * @param providers  asked in order; the first valid factor wins
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
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Activate
    void activate() {
        var owned = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "gridprint-carbon");
            t.setDaemon(true);
            return t;
        });
        synchronized (queueLock) {
            ownedExecutor = owned;
            executor = owned;
            stopping = false;
        }
        LOG.info("carbon calculator started; computing every meter once to catch up");
        requestAll();
    }

    @Deactivate
    void deactivate() {
        ExecutorService owned;
        synchronized (queueLock) {
            stopping = true;
            executor = null;
            owned = ownedExecutor;
            ownedExecutor = null;
            pending.clear();
        }
        if (owned != null) {
            // no interrupt: an interrupted Derby call may close its files; the worker checks 'stopping' instead
            owned.shutdown();
            try {
                if (!owned.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("carbon worker still busy 30 s after stop; it ends after its current store call");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProvider")
    void addProvider(EmissionFactorProvider provider) {
        providers.add(provider);
        if (executor != null) {
            // a site may have got its factor: look at every meter again (cheap when nothing is new)
            requestAll();
        }
    }

    void removeProvider(EmissionFactorProvider provider) {
        providers.remove(provider);
    }

    // ---------------------------------------------------------------- queue

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
        Executor target = null;
        synchronized (queueLock) {
            if (stopping) {
                return;
            }
            pending.addAll(meterIds);
            if (!drainScheduled && executor != null && !pending.isEmpty()) {
                drainScheduled = true;
                target = executor;
            }
        }
        if (target != null) {
            try {
                target.execute(this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (queueLock) {
                    drainScheduled = false;
                }
                LOG.warn("carbon worker refused work (stopping?): {} meters stay queued", meterIds.size());
            }
        }
    }

    private void requestAll() {
        var registry = meterRegistry;
        if (registry != null) {
            requestRecompute(registry.meters().stream().map(Meter::id).toList());
        }
    }

    /** Queued meters not yet taken by the worker. */
    int queued() {
        synchronized (queueLock) {
            return pending.size();
        }
    }

    private void drain() {
        try {
            while (true) {
                List<String> batch;
                synchronized (queueLock) {
                    if (pending.isEmpty() || stopping) {
                        drainScheduled = false;
                        return;
                    }
                    batch = new ArrayList<>(pending);
                    pending.clear();
                }
                runBatch(batch);
            }
        } catch (Throwable t) {
            synchronized (queueLock) {
                drainScheduled = false;
            }
            LOG.error("carbon worker run ended by {}; queued meters are taken by the next run", t.toString(), t);
        }
    }

    /** One worker run: each meter, then one COMPUTED event for what was newly stored. */
    List<MeterRun> runBatch(Collection<String> meterIds) {
        var runs = new ArrayList<MeterRun>(meterIds.size());
        for (var id : meterIds) {
            if (stopping) {
                break;
            }
            runs.add(computeSafely(id));
        }
        postComputed(runs);
        return runs;
    }

    @Override
    public MeterRun recompute(String meterId) {
        var run = computeSafely(meterId);
        postComputed(List.of(run));
        return run;
    }

    // ---------------------------------------------------------------- one meter

    private MeterRun computeSafely(String meterId) {
        try {
            MeterRun run;
            synchronized (computeLock) {
                run = compute(meterId);
            }
            note(run);
            return run;
        } catch (RuntimeException e) {
            var problem = "failed: " + e;
            if (!problem.equals(lastProblem.put(meterId, problem))) {
                LOG.error("meter '{}': emission calculation failed, retried with its next readings: {}", meterId,
                        e.toString(), e);
            } else {
                LOG.debug("meter '{}': emission calculation failed again: {}", meterId, e.toString());
            }
            return new MeterRun.Failed(meterId, e.toString());
        }
    }

    private MeterRun compute(String meterId) {
        var meter = meterRegistry.meter(meterId);
        if (meter.isEmpty()) {
            return new MeterRun.Skipped(meterId, "meter '" + meterId
                    + "' is not in the meter registry (no meter configuration with this id)");
        }
        var m = meter.get();
        var latest = readingStore.latest(meterId, QUANTITY);
        if (latest.isEmpty()) {
            return new MeterRun.Skipped(meterId, NO_READINGS);
        }
        var newest = latest.get().timestamp();
        var lastEnd = emissionStore.lastIntervalEnd(meterId, METHOD);
        if (lastEnd.isPresent() && !newest.isAfter(lastEnd.get())) {
            return new MeterRun.Computed(meterId, 0, 0, Optional.empty(), Optional.empty(), 0, Optional.empty());
        }
        var firstLookup = factorFor(m, newest);
        if (firstLookup.factor().isEmpty()) {
            return new MeterRun.Skipped(meterId, firstLookup.problem());
        }
        var calculator = IntervalCalculator.forMeter(m, QUANTITY);
        var computedAt = clock.instant();
        var endExclusive = newest.plusMillis(1);
        var cursor = lastEnd.isPresent() ? lastEnd.get() : firstReadingBound(meterId, newest);
        var window = FIRST_WINDOW;
        Optional<Reading> carry = Optional.empty();
        var intervals = 0;
        var stored = 0;
        var resets = 0;
        Instant from = null;
        Instant to = null;
        String incomplete = null;
        var checkedStart = lastEnd.isEmpty();
        // bounded: the cursor moves forward by at least MIN_WINDOW per pass and stops after the newest reading
        while (cursor.isBefore(endExclusive) && !stopping && incomplete == null) {
            var windowEnd = min(cursor.plus(window), endExclusive);
            var readings = readingStore.readings(meterId, QUANTITY, cursor, windowEnd);
            var result = calculator.intervals(carry, readings);
            if (!checkedStart && result.last().isPresent()) {
                checkedStart = true;
                var startPoint = carry.isPresent() ? carry : result.last();
                var first = result.intervals().isEmpty() ? startPoint.get().timestamp() : result.intervals().get(0).start();
                if (!first.equals(lastEnd.get())) {
                    LOG.warn("meter '{}': no usable reading at the end of its last interval ({}); continuing from {},"
                            + " the energy in between is not counted", meterId, lastEnd.get(), first);
                }
            }
            var records = new ArrayList<EmissionRecord>(result.intervals().size());
            for (var interval : result.intervals()) {
                var lookup = factorFor(m, interval.start());
                if (lookup.factor().isEmpty()) {
                    incomplete = lookup.problem() + " for the interval starting " + interval.start();
                    break;
                }
                records.add(record(interval, m.siteId(), lookup.factor().get(), computedAt));
            }
            if (!records.isEmpty()) {
                var added = emissionStore.store(records);
                stored += added;
                intervals += records.size();
                if (from == null) {
                    from = records.get(0).interval().start();
                }
                to = records.get(records.size() - 1).interval().end();
                if (added > 0) {
                    resets += raiseResetAlarms(m, records, resets);
                }
            }
            if (result.last().isPresent()) {
                carry = result.last();
            }
            cursor = windowEnd;
            window = adapt(window, readings.size());
        }
        return new MeterRun.Computed(meterId, intervals, stored, Optional.ofNullable(from), Optional.ofNullable(to),
                resets, Optional.ofNullable(incomplete));
    }

    /**
     * A time at or before the meter's first reading, found by bisection with {@link ReadingStore#latestBefore}
     * (about 25 indexed look-ups), so a first run reads from the first reading on instead of from 1970.
     */
    private Instant firstReadingBound(String meterId, Instant newest) {
        var step = START_SEARCH_STEP.toMillis();
        if (readingStore.latestBefore(meterId, QUANTITY, Instant.EPOCH).isPresent()) {
            LOG.warn("meter '{}' has readings before 1970-01-01; they are not used", meterId);
            return Instant.EPOCH;
        }
        var lo = 0L; // no reading before lo * step
        var hi = Math.floorDiv(newest.toEpochMilli(), step) + 1; // the newest reading is before hi * step
        for (var i = 0; i < 64 && hi - lo > 1; i++) {
            var mid = lo + (hi - lo) / 2;
            if (readingStore.latestBefore(meterId, QUANTITY, Instant.ofEpochMilli(mid * step)).isPresent()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Instant.ofEpochMilli(lo * step);
    }

    /**
     * {@code gramsCo2e = energy × factor}, in decimal from the shortest decimals of the two doubles (as the CSV
     * export prints them), rounded once to a double.
     */
    static EmissionRecord record(EnergyInterval interval, String siteId, EmissionFactor factor, Instant computedAt) {
        var grams = Decimals.multiply(interval.energy(), factor.gramsCo2ePerUnit());
        return new EmissionRecord(interval, siteId, factor, grams, computedAt);
    }

    private record FactorLookup(Optional<EmissionFactor> factor, String problem) {
    }

    private FactorLookup factorFor(Meter meter, Instant at) {
        if (meter.siteId().isBlank()) {
            return new FactorLookup(Optional.empty(), "meter '" + meter.id()
                    + "' has no siteId, so no site emission factor applies; no emission records");
        }
        String refused = null;
        for (var provider : providers) {
            Optional<EmissionFactor> factor;
            try {
                factor = provider.factor(meter.siteId(), METHOD, at);
            } catch (RuntimeException e) {
                refused = "factor provider " + provider + " failed: " + e;
                continue;
            }
            if (factor.isEmpty()) {
                continue;
            }
            var f = factor.get();
            if (!SiteSettings.FACTOR_UNIT.equals(f.unit()) || f.scope() != Scope.SCOPE_2 || f.method() != METHOD) {
                refused = "factor provider " + provider + " gave " + f.unit() + " " + f.scope() + " " + f.method()
                        + " for site '" + meter.siteId() + "', expected " + SiteSettings.FACTOR_UNIT + " SCOPE_2 "
                        + METHOD;
                continue;
            }
            return new FactorLookup(factor, null);
        }
        return new FactorLookup(Optional.empty(), refused != null ? refused
                : "site '" + meter.siteId() + "' has no location-based emission factor (no valid "
                        + StaticSiteFactorProvider.PID + " configuration with id = " + meter.siteId()
                        + "); no emission records for this meter until there is one");
    }

    private int raiseResetAlarms(Meter meter, List<EmissionRecord> records, int alreadyRaised) {
        var raised = 0;
        for (var r : records) {
            var i = r.interval();
            var rollover = i.flags().contains(IntervalFlag.ROLLOVER);
            if (!rollover && !i.flags().contains(IntervalFlag.COUNTER_RESET)) {
                continue;
            }
            raised++;
            if (alreadyRaised + raised > MAX_RESET_ALARMS_PER_RUN) {
                continue;
            }
            var message = rollover
                    ? "meter '" + meter.id() + "': energy counter rolled over at " + meter.counterRollover() + " kWh between "
                            + i.start() + " (" + i.startCounter() + " kWh) and " + i.end() + " (" + i.endCounter()
                            + " kWh); interval energy " + i.energy() + " kWh, flagged ROLLOVER"
                    : "meter '" + meter.id() + "': energy counter went down between " + i.start() + " ("
                            + i.startCounter() + " kWh) and " + i.end() + " (" + i.endCounter()
                            + " kWh); treated as a reset to zero, interval energy " + i.energy()
                            + " kWh, flagged COUNTER_RESET and SUSPECT";
            LOG.warn(message);
            Events.post(eventAdmin, Alarm.of(AlarmKind.COUNTER_RESET, message, i.end()).withSource("carbon")
                    .withMeterIds(List.of(meter.id())).with(EventKeys.METER_ID, meter.id())
                    .with(EventKeys.FROM, i.start().toEpochMilli()).with(EventKeys.TO, i.end().toEpochMilli()));
        }
        return raised;
    }

    private void note(MeterRun run) {
        if (run instanceof MeterRun.Computed c) {
            if (c.incomplete().isPresent()) {
                report(c.meterId(), c.incomplete().get());
            } else if (lastProblem.remove(c.meterId()) != null) {
                LOG.info("meter '{}': emissions computed again ({} new records)", c.meterId(), c.stored());
            }
            if (c.stored() > 0) {
                LOG.debug("meter '{}': {} intervals, {} new emission records, {} .. {}", c.meterId(), c.intervals(),
                        c.stored(), c.from().orElse(null), c.to().orElse(null));
            }
        } else if (run instanceof MeterRun.Skipped s) {
            if (NO_READINGS.equals(s.reason())) {
                LOG.debug("meter '{}': {}", s.meterId(), s.reason());
            } else {
                report(s.meterId(), s.reason());
            }
        }
    }

    private void report(String meterId, String problem) {
        if (!problem.equals(lastProblem.put(meterId, problem))) {
            LOG.warn("meter '{}': {}", meterId, problem);
        } else {
            LOG.debug("meter '{}': still {}", meterId, problem);
        }
    }

    private void postComputed(List<MeterRun> runs) {
        var meters = new TreeSet<String>();
        Instant from = null;
        Instant to = null;
        var count = 0;
        for (var run : runs) {
            if (run instanceof MeterRun.Computed c && c.stored() > 0) {
                meters.add(c.meterId());
                count += c.stored();
                from = from == null || c.from().get().isBefore(from) ? c.from().get() : from;
                to = to == null || c.to().get().isAfter(to) ? c.to().get() : to;
            }
        }
        if (count == 0) {
            return;
        }
        var props = new HashMap<String, Object>();
        props.put(EventKeys.METER_IDS, meters.toArray(String[]::new));
        props.put(EventKeys.FROM, from.toEpochMilli());
        props.put(EventKeys.TO, to.toEpochMilli());
        props.put(EventKeys.COUNT, count);
        Events.post(eventAdmin, new Event(Topics.EMISSIONS_COMPUTED, props));
    }

    // ---------------------------------------------------------------- helpers

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

    private static Duration adapt(Duration window, int readings) {
        if (readings > TARGET_READINGS_PER_WINDOW) {
            var half = window.dividedBy(2);
            return half.compareTo(MIN_WINDOW) < 0 ? MIN_WINDOW : half;
        }
        if (readings < TARGET_READINGS_PER_WINDOW / 4) {
            var twice = window.multipliedBy(2);
            return twice.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : twice;
        }
        return window;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
