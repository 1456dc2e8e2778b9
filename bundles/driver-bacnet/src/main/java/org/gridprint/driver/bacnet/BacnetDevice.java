package org.gridprint.driver.bacnet;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.gridprint.api.driver.AlarmConditions;
import org.gridprint.api.driver.HealthSnapshot;
import org.gridprint.api.driver.PollScheduler;
import org.gridprint.driver.bacnet.config.CovMode;
import org.gridprint.driver.bacnet.config.DeviceSettings;
import org.gridprint.driver.bacnet.config.ParsedDevice;
import org.gridprint.driver.toolkit.Backoff;
import org.gridprint.driver.toolkit.BoundedRetryBuffer;
import org.gridprint.driver.toolkit.DeviceLifecycle;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.gridprint.driver.toolkit.PollSlots;
import org.gridprint.driver.toolkit.UndeclaredMeters;
import org.gridprint.driver.toolkit.WindowedHealthTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.serotonin.bacnet4j.RemoteDevice;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;

/**
 * One configured BACnet device on a shared {@link BacnetStack}. Its cycles run on a thread of its own (one request
 * at a time to the device, paced by {@code minRequestIntervalMillis}), one per wall-clock slot from the toolkit's
 * {@link PollScheduler}; readings are stamped with the slot and handed to {@link IngestService} as one batch.
 * <p>
 * Reading: the points' {@code units} are read once and translated ({@link BacnetUnits}); a unit Gridprint does not
 * store refuses that point (one alarm). Points are read with ReadPropertyMultiple in batches whose size adapts
 * ({@link BatchSizer}). With COV, present values come from notifications; subscriptions are renewed when 60 % of
 * their lifetime has passed, and a point whose subscription is refused or lapses is polled instead.
 * <p>
 * Faults: a device that does not answer ends its cycle and backs off; an unknown object or property, an Error,
 * Reject or Abort each raise one alarm naming the device and the object; values are missing on failure, never the
 * last value again; no fresh value for {@code staleAfterPeriods} periods raises STALE. Nothing is logged per poll.
 */
public final class BacnetDevice implements Device {

    public static final String DRIVER = "bacnet";
    private static final Logger LOG = LoggerFactory.getLogger(BacnetDevice.class);
    private static final long STOP_GRACE_MILLIS = 10_000;

    private final ParsedDevice config;
    private final DeviceSettings settings;
    private final Clock clock;
    private final Supplier<IngestService> ingest;
    private final Supplier<MeterRegistry> meters;
    private final Supplier<BacnetStack> stack;
    private final PollScheduler scheduler;
    private final ScheduledExecutorService thread;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final EventAlarmConditions conditions;
    private final WindowedHealthTracker tracker;
    private final DeviceLifecycle status;
    private final BoundedRetryBuffer<Reading> retryBuffer;
    private final Backoff backoff;
    private final BatchSizer sizer;
    /** SubscribeCOV subscriber process ids: unique in this JVM, so unique on every stack the device may use. */
    private static final java.util.concurrent.atomic.AtomicInteger PROCESS_IDS = new java.util.concurrent.atomic.AtomicInteger(1);
    private final int processId;
    private volatile BacnetStack sinkStack;

    private PollScheduler.Registration registration;
    private ScheduledFuture<?> renewal;
    private volatile boolean stopped;

    // poll thread (under pollLock)
    private RemoteDevice remote;
    private BacnetStack remoteStack;
    private final Map<Integer, BacnetUnits.Conversion> units = new HashMap<>();
    private final Map<Integer, String> refused = new HashMap<>();
    private final Map<Integer, Double> lastCounter = new HashMap<>();
    private long cycle;
    private long lastPaced;
    private volatile long requestsSent;

    /** COV bookkeeping (null without a valid configuration). */
    private final CovSubscriptions cov;

    public BacnetDevice(ParsedDevice config, Clock clock, Supplier<IngestService> ingest, AlarmSink alarms,
            Supplier<BacnetStack> stack, PollScheduler scheduler, Supplier<MeterRegistry> meters) {
        this.config = config;
        this.clock = clock;
        this.ingest = ingest;
        this.stack = stack;
        this.scheduler = scheduler;
        this.meters = meters == null ? () -> null : meters;
        this.conditions = new EventAlarmConditions("bacnet/" + config.deviceId(), config.deviceId(), clock,
                alarms::publish);
        this.tracker = new WindowedHealthTracker(config.deviceId(), clock);
        if (config instanceof ParsedDevice.Valid valid) {
            settings = valid.settings();
            status = new DeviceLifecycle(config.deviceId(), DRIVER, settings.meterIds(), clock, conditions, tracker,
                    pollLock, settings.enabled() ? DeviceState.STARTING : DeviceState.DISABLED);
            retryBuffer = new BoundedRetryBuffer<>(settings.retryBufferReadings());
            backoff = new Backoff(1, Math.max(1, settings.maxBackoff().toMillis() / settings.pollInterval().toMillis()));
            sizer = new BatchSizer(settings.maxReadsPerRequest(), 50);
            var name = "gridprint-bacnet-" + settings.id();
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                var t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        } else {
            settings = null;
            status = new DeviceLifecycle(config.deviceId(), DRIVER, List.of(), clock, conditions, tracker, pollLock,
                    DeviceState.CONFIG_ERROR);
            status.configError(((ParsedDevice.Invalid) config).message());
            retryBuffer = new BoundedRetryBuffer<>(0);
            backoff = new Backoff(1, 1);
            sizer = new BatchSizer(1, 1);
            thread = null;
        }
        processId = PROCESS_IDS.getAndIncrement();
        cov = settings == null ? null : new CovSubscriptions(settings, clock, processId);
        status.publish();
    }

    @Override
    public String id() {
        return config.deviceId();
    }

    @Override
    public DeviceHealth health() {
        return status.health();
    }

    public Optional<DeviceSettings> settings() {
        return Optional.ofNullable(settings);
    }

    public HealthSnapshot stats() {
        return status.stats();
    }

    public List<AlarmConditions.Active> activeAlarms() {
        return conditions.active();
    }

    /** Properties per ReadPropertyMultiple now (lowered when the device refused bigger ones). */
    public int batchSize() {
        return sizer.size();
    }

    public int batchReductions() {
        return sizer.reductions();
    }

    public long requestsSent() {
        return requestsSent;
    }

    /** COV notifications this device received. */
    public long covNotifications() {
        return cov == null ? 0 : cov.notifications();
    }

    /** Points with a live COV subscription. */
    public int covSubscribed() {
        return cov == null ? 0 : cov.subscribed();
    }

    /** In words: off, how many points are subscribed, which were refused. */
    public String covState() {
        return cov == null ? "off" : cov.state();
    }

    /** Points refused (unknown unit, unknown object ...) with why. */
    public Map<Integer, String> refusedPoints() {
        pollLock.lock();
        try {
            return Map.copyOf(refused);
        } finally {
            pollLock.unlock();
        }
    }

    public int bufferedReadings() {
        return retryBuffer.size();
    }

    /** An error outside the configuration (a second file with the same id): CONFIG_ERROR, not polled. */
    public void refuse(String message) {
        status.refuse(message);
    }

    public synchronized void start() {
        if (config instanceof ParsedDevice.Invalid invalid) {
            status.raiseConfigError(invalid.message());
            return;
        }
        if (status.refusal() != null || registration != null || scheduler == null) {
            return;
        }
        if (!settings.enabled()) {
            LOG.info("BACnet {} is disabled (enabled=false); not polling", settings.describe());
            return;
        }
        stopped = false;
        registration = scheduler.schedule("bacnet/" + settings.id(), settings.pollInterval(), thread,
                slot -> poll(slot));
        if (settings.cov() != CovMode.NONE) {
            long every = Math.max(500, settings.covLifetime().toMillis() * 6 / 10);
            renewal = thread.scheduleWithFixedDelay(this::renewCov, every, every, TimeUnit.MILLISECONDS);
        }
        var warning = PollSlots.misalignment("BACnet device " + settings.id() + " (" + settings.pid()
                + ", pollIntervalSeconds = " + settings.pollInterval().toSeconds() + ")",
                settings.pollInterval().toMillis(), settings.reportingWindow().toMillis());
        if (warning != null) {
            LOG.warn(warning);
        }
        LOG.info("BACnet {} polling {} points every {} s{}", settings.describe(), settings.points().size(),
                settings.pollInterval().toSeconds(), settings.cov() == CovMode.NONE ? "" : ", COV " + settings.cov());
    }

    /** Stops: no further slots; a cycle in progress ends before its next request; COV subscriptions cancelled. */
    public void stop() {
        PollScheduler.Registration r;
        synchronized (this) {
            r = registration;
            registration = null;
            stopped = true;
            if (renewal != null) {
                renewal.cancel(false);
                renewal = null;
            }
        }
        if (r != null) {
            r.cancel();
        }
        boolean locked = false;
        try {
            locked = pollLock.tryLock(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            if (locked) {
                cancelCov();
            }
            status.stopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (locked) {
                pollLock.unlock();
            }
            if (sinkStack != null) {
                sinkStack.removeCovSink(processId);
            }
            if (thread != null) {
                thread.shutdownNow();
            }
            conditions.clearAllExcept("", Set.of());
        }
    }

    /** One cycle now on the caller's thread, stamped with the current slot (tests, commissioning). */
    public CycleOutcome pollOnce() {
        if (settings == null) {
            return poll(clock.instant());
        }
        return poll(Instant.ofEpochMilli(PollSlots.slotOf(clock.millis(), settings.pollInterval().toMillis())));
    }

    /** Renews the COV subscriptions now (normally every 60 % of the lifetime, on the device's thread). */
    public void renewCov() {
        pollLock.lock();
        try {
            if (stopped || remote == null || settings.cov() == CovMode.NONE) {
                return;
            }
            subscribe(true);
        } catch (RuntimeException e) {
            LOG.debug("BACnet {}: COV renewal failed", settings.id(), e);
        } finally {
            pollLock.unlock();
        }
    }

    private final class Cycle {
        final Instant slot;
        final Map<Integer, Double> raw = new HashMap<>();
        final List<String> failures = new ArrayList<>();
        final Set<String> failureKeys = new java.util.HashSet<>();
        final Set<String> pointErrors = new java.util.HashSet<>();
        BacnetFailure down;
        int requests;

        Cycle(Instant slot) {
            this.slot = slot;
        }
    }

    private CycleOutcome poll(Instant slot) {
        pollLock.lock();
        try {
            var configError = status.configurationError(settings != null);
            if (configError != null) {
                return new CycleOutcome.Skipped(configError);
            }
            if (!settings.enabled() || stopped && registration == null && thread.isShutdown()) {
                return new CycleOutcome.Skipped("disabled or stopped");
            }
            var service = ingest.get();
            if (service == null) {
                return new CycleOutcome.Skipped("no IngestService");
            }
            cycle++;
            var c = new Cycle(slot);
            var undeclared = undeclaredMeters();
            if (!backoff.ready(cycle)) {
                c.failures.add("not polled: backing off after " + backoff.failuresInARow() + " failed cycle(s) ("
                        + status.lastErrorMessage() + "); next attempt in " + (backoff.waitUntil() - cycle) + " cycle(s)");
            } else {
                read(c);
            }
            var readings = values(c, undeclared);
            var submitError = submit(service, readings);
            record(c, readings, submitError, undeclared);
            return new CycleOutcome.Polled(slot, readings, c.failures, c.requests);
        } finally {
            pollLock.unlock();
        }
    }

    private Set<String> undeclaredMeters() {
        return UndeclaredMeters.check(meters.get(), settings.meterIds(), conditions, settings.pid(), "meter");
    }

    private void pace() {
        long gap = settings.minRequestInterval().toMillis();
        if (gap > 0) {
            long wait = lastPaced + gap - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(Math.min(wait, gap));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lastPaced = System.currentTimeMillis();
        }
    }

    private List<PropertyResult> send(Cycle c, BacnetStack s, List<BacnetStack.Request> batch) throws BacnetFailure {
        pace();
        requestsSent++;
        c.requests++;
        try {
            var out = s.readMultiple(remote, batch);
            tracker.requestSucceeded();
            return out;
        } catch (BacnetFailure f) {
            tracker.requestFailed(f.countKey(), f.getMessage());
            throw f;
        }
    }

    private void read(Cycle c) {
        var s = stack.get();
        if (s == null || !s.isOpen()) {
            // not the device's fault: one alarm of its own, no back-off, the device is read once the stack is there
            c.failures.add("stack " + settings.stack() + " is not open (see its configuration and gridprint:alarms)");
            c.failureKeys.add("stack");
            return;
        }
        if (remote == null || remoteStack != s) {
            try {
                requestsSent++; // Who-Is, or the read of the device object at the configured address
                c.requests++;
                remote = s.remote(settings.deviceInstance(), settings.address(), s.settings().timeout());
                tracker.requestSucceeded();
                remoteStack = s;
                units.clear();
                cov.lost();
            } catch (BacnetFailure f) {
                tracker.requestFailed(f.countKey(), f.getMessage());
                c.down = f;
                c.failures.add(f.getMessage());
                return;
            }
        }
        if (sinkStack != s && settings.cov() != CovMode.NONE) {
            // the stack may have been configured after the device, or replaced: notifications come through this one
            if (sinkStack != null) {
                sinkStack.removeCovSink(processId);
            }
            s.addCovSink(processId, (dev, obj, vals, remaining) -> cov.notified(dev, obj, vals));
            sinkStack = s;
        }
        resolveUnits(c, s);
        if (c.down == null && settings.cov() != CovMode.NONE) {
            subscribe(false);
        }
        // points to poll: usable, and not served by a live COV subscription with a value
        var todo = new ArrayList<PointSpec>();
        for (var p : settings.points()) {
            if (refused.containsKey(p.index())) {
                continue;
            }
            var fromCov = cov.value(p.index());
            if (fromCov.isPresent()) {
                c.raw.put(p.index(), fromCov.getAsDouble());
                continue;
            }
            todo.add(p);
        }
        readPoints(c, s, todo);
    }

    private void readPoints(Cycle c, BacnetStack s, List<PointSpec> todo) {
        int at = 0;
        while (at < todo.size() && c.down == null && !stopped) {
            int n = Math.min(sizer.size(), todo.size() - at);
            var batch = todo.subList(at, at + n);
            var requests = batch.stream().map(p -> new BacnetStack.Request(p.object(), p.property())).toList();
            try {
                var results = send(c, s, requests);
                sizer.succeeded();
                for (int i = 0; i < batch.size(); i++) {
                    take(c, batch.get(i), results.get(i));
                }
                at += n;
            } catch (BacnetFailure f) {
                if (f.tooLarge() && sizer.tooLarge(n)) {
                    continue; // same points again in smaller requests
                }
                if (f.deviceDown()) {
                    c.down = f;
                    c.failures.add(f.getMessage());
                    return;
                }
                var key = "read:" + f.kind();
                c.failureKeys.add(key);
                c.failures.add(f.getMessage() + " (points " + batch.get(0).describe()
                        + (batch.size() > 1 ? " .. " + batch.get(batch.size() - 1).describe() : "") + ")");
                at += n;
            }
        }
    }

    private void take(Cycle c, PointSpec p, PropertyResult r) {
        var key = "point:" + p.index();
        if (r instanceof PropertyResult.Error e) {
            c.pointErrors.add(key);
            conditions.raise(key, AlarmKind.DEVICE_ERROR, "BACnet " + settings.describe() + ": " + p.describe()
                    + " answers error " + e + (e.errorCode().equals("unknown-object") ? ": no such object in the device"
                            : e.errorCode().equals("unknown-property") ? ": the object has no such property" : "")
                    + "; its value is missing", List.of(p.meterId()));
            return;
        }
        var value = ((PropertyResult.Value) r).value();
        var n = Values.number(value);
        if (n.isEmpty()) {
            c.pointErrors.add(key);
            conditions.raise(key, AlarmKind.DEVICE_ERROR, "BACnet " + settings.describe() + ": " + p.describe()
                    + " answers " + value.getClass().getSimpleName() + " " + value + ": expected a number", List.of(p.meterId()));
            return;
        }
        c.raw.put(p.index(), n.getAsDouble());
    }

    /** Reads the units of points without a configured unit, once; refuses points whose unit Gridprint cannot store. */
    private void resolveUnits(Cycle c, BacnetStack s) {
        var need = new ArrayList<PointSpec>();
        for (var p : settings.points()) {
            if (p.unit().isPresent()) {
                units.put(p.index(), p.unit().get());
            } else if (!units.containsKey(p.index()) && !refused.containsKey(p.index())) {
                need.add(p);
            }
        }
        int at = 0;
        while (at < need.size() && c.down == null) {
            int n = Math.min(sizer.size(), need.size() - at);
            var batch = need.subList(at, at + n);
            try {
                var results = send(c, s, batch.stream().map(p -> new BacnetStack.Request(p.object(),
                        PropertyIdentifier.units)).toList());
                sizer.succeeded();
                for (int i = 0; i < batch.size(); i++) {
                    unit(batch.get(i), results.get(i));
                }
                at += n;
            } catch (BacnetFailure f) {
                if (f.tooLarge() && sizer.tooLarge(n)) {
                    continue;
                }
                if (f.deviceDown()) {
                    c.down = f;
                    c.failures.add(f.getMessage());
                    return;
                }
                c.failures.add("reading units: " + f.getMessage());
                c.failureKeys.add("read:" + f.kind());
                at += n;
            }
        }
    }

    private void unit(PointSpec p, PropertyResult r) {
        var key = "unit:" + p.index();
        if (r instanceof PropertyResult.Error e) {
            if (e.errorCode().equals("unknown-object")) {
                return; // the value read reports it (alarm point:i) and the unit is read again next cycle
            }
            refuse(p, key, p.describe() + ": its units property answers " + e
                    + ": configure the point's unit (e.g. unit=kWh)");
            return;
        }
        var v = ((PropertyResult.Value) r).value();
        if (!(v instanceof EngineeringUnits eu)) {
            refuse(p, key, p.describe() + ": units = " + v + ": expected a BACnet engineering unit");
            return;
        }
        var conv = BacnetUnits.of(eu);
        if (conv.isEmpty()) {
            refuse(p, key, p.describe() + " is in " + BacnetUnits.describe(eu) + ", a unit Gridprint does not "
                    + "store: expected one of " + BacnetUnits.symbols() + "; the point is not read");
            return;
        }
        if (!conv.get().canonical().equals(p.quantity().canonicalUnit())) {
            refuse(p, key, p.describe() + " is in " + BacnetUnits.describe(eu) + " (" + conv.get().canonical()
                    + "), which cannot measure " + p.quantity() + ": expected a unit convertible to "
                    + p.quantity().canonicalUnit() + "; the point is not read");
            return;
        }
        units.put(p.index(), conv.get());
        conditions.clear(key);
    }

    private void refuse(PointSpec p, String key, String why) {
        refused.put(p.index(), why);
        conditions.raise(key, AlarmKind.CONFIG_ERROR, "BACnet " + settings.describe() + ": " + why,
                List.of(p.meterId()));
    }

    /** Subscribes (or renews) COV for the points that read present-value; refused ones are polled. */
    private void subscribe(boolean renewAll) {
        var s = stack.get();
        if (s == null || remote == null) {
            return;
        }
        cov.subscribe(s, remote, renewAll, refused.keySet(), new CovSubscriptions.Requests() {
            @Override
            public void sent() {
                requestsSent++;
            }

            @Override
            public void answered() {
                tracker.requestSucceeded();
            }

            @Override
            public void failed(BacnetFailure f) {
                tracker.requestFailed(f.countKey(), f.getMessage());
            }
        });
    }

    private void cancelCov() {
        if (cov != null) {
            cov.cancel(stack.get(), remote);
        }
    }

    private List<Reading> values(Cycle c, Set<String> undeclared) {
        var out = new ArrayList<Reading>();
        for (var p : settings.points()) {
            var raw = c.raw.get(p.index());
            var conv = units.get(p.index());
            if (raw == null || conv == null || undeclared.contains(p.meterId())) {
                continue;
            }
            if (!c.pointErrors.contains("point:" + p.index())) {
                conditions.clear("point:" + p.index());
            }
            double v = conv.toCanonical(raw * p.scale());
            if (!Double.isFinite(v)) {
                conditions.raise("nan:" + p.index(), AlarmKind.INVALID_READING, "BACnet " + settings.describe() + ": "
                        + p.describe() + " is " + raw + "; not submitted", List.of(p.meterId()));
                continue;
            }
            conditions.clear("nan:" + p.index());
            var quality = Quality.GOOD;
            if (p.quantity() == Quantity.ACTIVE_POWER && v < 0) {
                quality = Quality.SUSPECT;
                conditions.raise("negative:" + p.index(), AlarmKind.NEGATIVE_VALUE, "BACnet " + settings.describe()
                        + ": " + p.meterId() + " " + p.quantity() + " is negative (" + v + "): submitted as SUSPECT",
                        List.of(p.meterId()));
            } else {
                conditions.clear("negative:" + p.index());
            }
            if (p.quantity().cumulative()) {
                var last = lastCounter.put(p.index(), v);
                if (last != null && v < last) {
                    quality = Quality.SUSPECT;
                    conditions.raise("falling:" + p.index(), AlarmKind.COUNTER_RESET, "BACnet " + settings.describe()
                            + ": " + p.meterId() + " " + p.quantity() + " fell from " + last + " to " + v
                            + " (a meter swap or a reset?): submitted as SUSPECT", List.of(p.meterId()));
                } else if (last != null) {
                    conditions.clear("falling:" + p.index());
                }
            }
            out.add(new Reading(p.meterId(), p.quantity(), c.slot, v, quality, settings.source()));
        }
        return out;
    }

    private String submit(IngestService service, List<Reading> readings) {
        if (readings.isEmpty() && retryBuffer.size() == 0) {
            return null;
        }
        var kept = retryBuffer.items();
        var batch = new ArrayList<Reading>(kept.size() + readings.size());
        batch.addAll(kept);
        batch.addAll(readings);
        try {
            service.submit(settings.source(), batch);
            status.submitted(batch.size());
            if (!kept.isEmpty()) {
                LOG.info("BACnet {}: resubmitted {} reading(s) kept while IngestService.submit failed", settings.id(),
                        kept.size());
                retryBuffer.clear();
            }
            conditions.clear("submit");
            return null;
        } catch (RuntimeException e) {
            int dropped = retryBuffer.keep(readings);
            var text = "IngestService.submit failed (" + e + "); " + retryBuffer.size() + " reading(s) kept for the "
                    + "next cycle" + (dropped > 0 ? ", " + dropped + " oldest dropped (retry buffer full)" : "");
            if (conditions.raise("submit", AlarmKind.DEVICE_ERROR, "BACnet " + settings.describe() + ": " + text,
                    settings.meterIds())) {
                LOG.error("BACnet {}: IngestService.submit failed", settings.id(), e);
            }
            return text;
        }
    }

    private void record(Cycle c, List<Reading> readings, String submitError, Set<String> undeclared) {
        conditions.clearAllExcept("read:", c.failureKeys);
        if (c.failureKeys.contains("stack")) {
            conditions.raise("stack", AlarmKind.DEVICE_ERROR, "BACnet " + settings.describe() + ": " + c.failures.get(0),
                    settings.meterIds());
        } else {
            conditions.clear("stack");
        }
        if (c.down != null) {
            long wait = backoff.failed(cycle);
            if (c.down.kind() == BacnetFailure.Kind.TIMEOUT) {
                var s = stack.get();
                if (s != null && settings.address().isEmpty()) {
                    s.forget(settings.deviceInstance()); // look it up again: it may have a new address
                    remote = null;
                }
            }
            conditions.raise("device", AlarmKind.DEVICE_ERROR, "BACnet " + settings.describe() + " does not answer: "
                    + c.down.getMessage() + "; backing off (next attempt in " + wait + " cycle(s), at most every "
                    + settings.maxBackoff().toSeconds() + " s); its values are missing", settings.meterIds());
            cov.lost();
        } else if (backoff.ready(cycle)) {
            backoff.succeeded();
            conditions.clear("device");
        }
        for (var key : c.failureKeys) {
            if (key.startsWith("read:")) {
                conditions.raise(key, AlarmKind.DEVICE_ERROR, "BACnet " + settings.describe() + ": "
                        + c.failures.get(0), settings.meterIds());
            }
        }
        status.freshValues(!readings.isEmpty(), "BACnet " + settings.describe(), settings.staleAfterPeriods(),
                settings.pollInterval());
        boolean clean = c.failures.isEmpty() && c.pointErrors.isEmpty() && submitError == null;
        if (!undeclared.isEmpty() && clean) {
            status.undeclared(c.slot, "undeclared meter(s) " + String.join(", ", undeclared));
        } else if (clean) {
            status.online(c.slot);
        } else {
            status.failed(c.slot, !c.failures.isEmpty() ? "BACnet " + settings.describe() + ": " + c.failures.get(0)
                    + (c.failures.size() > 1 ? " (+" + (c.failures.size() - 1) + " more)" : "")
                    : submitError != null ? submitError
                    : "BACnet " + settings.describe() + ": " + c.pointErrors.size() + " point(s) answer errors "
                            + "(gridprint:alarms)");
        }
        status.publish();
    }
}
