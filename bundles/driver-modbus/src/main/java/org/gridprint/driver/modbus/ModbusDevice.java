package org.gridprint.driver.modbus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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
import org.gridprint.api.driver.HealthSnapshot;
import org.gridprint.api.driver.PollScheduler;
import org.gridprint.driver.toolkit.Backoff;
import org.gridprint.driver.toolkit.BoundedRetryBuffer;
import org.gridprint.driver.toolkit.DeviceLifecycle;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.gridprint.driver.toolkit.PollSlots;
import org.gridprint.driver.toolkit.UndeclaredMeters;
import org.gridprint.driver.toolkit.WallClockPollScheduler;
import org.gridprint.driver.toolkit.WindowedHealthTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Modbus device: a unit id on a {@link Bridge}, its points, and its polling rules. Its poll cycles
 * run on the bridge's thread (one transaction at a time per bridge), one per wall-clock slot, handed over by the
 * toolkit's {@link PollScheduler}; readings are stamped with the slot and handed to {@link IngestService} as one
 * batch per cycle.
 * <p>
 * Fault isolation: a device that does not answer (timeout, link down, gateway exception 0A/0B, garbage) ends its
 * cycle at the first such failure and backs off for a growing, capped number of cycles, so it costs its bridge at
 * most one timeout per back-off step and never stalls the other devices of the bridge. Request planning: points
 * are merged into few requests ({@link ReadPlanner}); when a merged request is answered with exception 02 or 03
 * it is split in halves until the bad points are isolated; those are remembered, left out of later plans and
 * re-read alone every {@code reprobeCycles} cycles.
 * <p>
 * Values at the source: NaN/infinite values are skipped; negative active power and a falling cumulative counter
 * are submitted as SUSPECT; a device without fresh values for {@code staleAfterPeriods} periods raises STALE; on a
 * failure the values are missing (a stale last value is never repeated). Every condition raises one alarm when
 * it starts and one when it clears ({@link EventAlarmConditions}); nothing is logged per poll.
 */
public final class ModbusDevice implements Device {

    public static final String DRIVER = "modbus";
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final ParsedConfig config;
    private final DeviceSettings settings;
    private final Clock clock;
    private final Supplier<IngestService> ingest;
    private final Supplier<MeterRegistry> meters;
    private final RegisterReader reader;
    private final Executor executor;
    private final PollScheduler scheduler;
    private final Runnable onClose;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final EventAlarmConditions conditions;
    private final WindowedHealthTracker tracker;
    private final DeviceLifecycle status;
    private final BoundedRetryBuffer<Reading> retryBuffer;

    // guarded by this
    private PollScheduler.Registration registration;
    private volatile boolean stopped;
    private long droppedWhileFull; // readings dropped from the full retry buffer since it last drained (poll thread)

    // guarded by pollLock
    private volatile long requestsSent; // written by the polling thread only
    private volatile List<BadPoint> badSnapshot = List.of();
    private long cycle;
    private boolean waitingForIngest;
    private String lastSubmitFailure;
    private final Backoff backoff;
    /** point index -> what was learned about it (exception 02/03 when read alone). */
    private final Map<Integer, BadPoint> badPoints = new TreeMap<>();
    private final Map<Integer, Double> lastCounter = new HashMap<>();
    /** point index -> last value submitted and when (change-of-value publishing). */
    private final Map<Integer, Reading> lastPublished = new HashMap<>();
    private volatile List<ReadBlock> plan;
    private Set<Integer> plannedWithout = Set.of();

    /** A point the device refuses (exception 02/03 when read alone); re-read at {@code reprobeAt}. */
    public record BadPoint(RegisterEntry entry, int exceptionCode, Instant since, long reprobeAt) {
        public String describe() {
            return entry.describe() + ": exception " + ModbusText.exception(exceptionCode) + " since " + since;
        }
    }

    /**
     * @param readerFactory reads the device's registers (a {@link BridgeReader} in the driver)
     * @param executor      where poll cycles run (the bridge's thread)
     * @param scheduler     hands slots to {@code executor}
     * @param meters        the meter registry for the undeclared-meter check (may supply null)
     * @param onClose       run after {@link #stop()} (releases what the factory made for this device alone)
     */
    public ModbusDevice(ParsedConfig config, Clock clock, Supplier<IngestService> ingest, AlarmSink alarms,
            Function<DeviceSettings, RegisterReader> readerFactory, Executor executor, PollScheduler scheduler,
            Supplier<MeterRegistry> meters, Runnable onClose) {
        this.config = config;
        this.clock = clock;
        this.ingest = ingest;
        this.meters = meters == null ? () -> null : meters;
        this.executor = executor;
        this.scheduler = scheduler;
        this.onClose = onClose == null ? () -> {
        } : onClose;
        this.conditions = new EventAlarmConditions("modbus/" + config.deviceId(), config.deviceId(), clock,
                alarms::publish);
        this.tracker = new WindowedHealthTracker(config.deviceId(), clock);
        if (config instanceof ParsedConfig.Valid valid) {
            settings = valid.settings();
            reader = readerFactory.apply(settings);
            status = new DeviceLifecycle(config.deviceId(), DRIVER, settings.meterIds(), clock, conditions, tracker,
                    pollLock, settings.enabled() ? DeviceState.STARTING : DeviceState.DISABLED);
            retryBuffer = new BoundedRetryBuffer<>(settings.retryBufferReadings());
            long maxCycles = Math.max(1, settings.maxBackoff().toMillis() / settings.pollInterval().toMillis());
            backoff = new Backoff(1, maxCycles);
        } else {
            var invalid = (ParsedConfig.Invalid) config;
            settings = null;
            reader = null;
            status = new DeviceLifecycle(config.deviceId(), DRIVER, List.of(), clock, conditions, tracker, pollLock,
                    DeviceState.CONFIG_ERROR);
            status.configError(invalid.message());
            retryBuffer = new BoundedRetryBuffer<>(0);
            backoff = new Backoff(1, 1);
        }
        status.publish();
    }

    /** A device on a reader of its own, polled on the caller's thread by {@link #pollOnce()} (logic tests). */
    public ModbusDevice(ParsedConfig config, Clock clock, Supplier<IngestService> ingest, AlarmSink alarms,
            Function<DeviceSettings, RegisterReader> readerFactory) {
        this(config, clock, ingest, alarms, readerFactory, Runnable::run, null, null, null);
    }

    /**
     * A stand-alone device outside the driver component: its own bridge (from host/port) and scheduler, both
     * closed by {@link #stop()}. For tests and embedding; in Karaf devices share bridges.
     */
    public static ModbusDevice create(ParsedConfig config, Clock clock, Supplier<IngestService> ingest,
            AlarmSink alarms) {
        if (!(config instanceof ParsedConfig.Valid valid) || valid.settings().implicitBridge() == null) {
            return new ModbusDevice(config, clock, ingest, alarms, s -> (f, a, c) -> {
                throw new ReadFailure(ReadFailure.Kind.NOT_CONFIGURED, "bridge " + s.bridge() + " is not available "
                        + "outside the driver component", null);
            });
        }
        var bridge = new Bridge(valid.settings().bridge(), clock);
        bridge.configure(valid.settings().implicitBridge());
        var scheduler = new WallClockPollScheduler(clock, "gridprint-modbus-timer-" + config.deviceId());
        return new ModbusDevice(config, clock, ingest, alarms, s -> new BridgeReader(bridge, s.unitId()),
                bridge.executor(), scheduler, null, () -> {
                    scheduler.close();
                    bridge.close();
                });
    }

    @Override
    public String id() {
        return config.deviceId();
    }

    @Override
    public DeviceHealth health() {
        return status.health();
    }

    public ParsedConfig config() {
        return config;
    }

    /** The device's state, last success and error (as {@link #health()}) with request and error counts, requests/s. */
    public HealthSnapshot stats() {
        return status.stats();
    }

    /** The read requests of the next cycle (points learned bad left out). Waits for a cycle in progress. */
    public List<ReadBlock> plan() {
        pollLock.lock();
        try {
            return currentPlan(activeEntries(Set.of()));
        } finally {
            pollLock.unlock();
        }
    }

    /** Requests per cycle as of the last cycle (or configuration); never waits for a cycle in progress. */
    public int requestsPerCycle() {
        var p = plan;
        return p == null ? 0 : p.size() + badSnapshot.size();
    }

    public Optional<DeviceSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /** Points learned bad (exception 02/03), with when they are re-read. */
    public List<BadPoint> badPoints() {
        return badSnapshot;
    }

    /** Requests sent since start (for tests and benchmarks). */
    public long requestsSent() {
        return requestsSent;
    }

    /** Readings waiting in the retry buffer because {@code IngestService.submit} failed. */
    public int bufferedReadings() {
        return retryBuffer.size();
    }

    /** Active alarm conditions of this device. */
    public List<org.gridprint.api.driver.AlarmConditions.Active> activeAlarms() {
        return conditions.active();
    }

    /**
     * An error found outside the configuration itself (e.g. the id is already used by another file): shown in the
     * health, raised once as CONFIG_ERROR, and the device does not poll.
     */
    public void refuse(String message) {
        status.refuse(message);
    }

    /** Starts polling, one cycle per wall-clock slot on the bridge's thread. A bad configuration is reported instead. */
    public synchronized void start() {
        if (config instanceof ParsedConfig.Invalid invalid) {
            status.raiseConfigError(invalid.message());
            return;
        }
        if (status.refusal() != null) {
            return;
        }
        if (!settings.enabled()) {
            LOG.info("Modbus device {} is disabled (enabled=false); not polling", settings.describe());
            return;
        }
        if (registration != null || scheduler == null) {
            return;
        }
        stopped = false;
        registration = scheduler.schedule("modbus/" + settings.id(), settings.pollInterval(), executor,
                slot -> poll(slot, () -> stopped));
        var warning = misalignment();
        if (warning != null) {
            LOG.warn(warning);
        }
        LOG.info("Modbus device {} polling {} points in {} request(s) every {} s", settings.describe(),
                settings.entries().size(), plan().size(), settings.pollInterval().toSeconds());
    }

    /**
     * Stops polling: no further slots; a cycle in progress ends before its next request (it is never interrupted:
     * a running submit finishes). Waits a bounded time for it.
     */
    public void stop() {
        PollScheduler.Registration r;
        synchronized (this) {
            r = registration;
            registration = null;
            stopped = true;
        }
        if (r != null) {
            r.cancel();
        }
        long bound = (settings == null ? 0 : settings.timeout().toMillis()) + STOP_GRACE_MILLIS;
        boolean locked = false;
        try {
            locked = pollLock.tryLock(bound, TimeUnit.MILLISECONDS);
            if (!locked) {
                LOG.warn("Modbus device {}: poll cycle still running after {} ms; it is not interrupted and ends on "
                        + "its own", id(), bound);
            }
            status.stopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (locked) {
                pollLock.unlock();
            }
            if (reader != null) {
                reader.close();
            }
            onClose.run();
            // the device is gone (configuration removed or changed): its conditions end with it, so
            // gridprint:alarms does not show them as active forever; a restarted device raises them again
            conditions.clearAllExcept("", Set.of());
        }
    }

    /**
     * The warning when the poll period does not divide the reporting window ({@code reportingWindowSeconds},
     * default one hour): readings would not fall on the window edges. Null when it divides it.
     */
    public String misalignment() {
        return settings == null ? null : PollSlots.misalignment("Modbus device " + settings.id() + " ("
                + settings.pid() + ", pollIntervalSeconds = " + settings.pollInterval().toSeconds() + ")",
                settings.pollInterval().toMillis(), settings.reportingWindow().toMillis());
    }

    /** One cycle now, stamped with the current slot. */
    public PollOutcome pollOnce() {
        if (settings == null || !settings.enabled()) {
            return poll(clock.instant(), () -> false);
        }
        return poll(Instant.ofEpochMilli(PollSlots.slotOf(clock.millis(), settings.pollInterval().toMillis())),
                () -> false);
    }

    private List<RegisterEntry> activeEntries(Set<String> undeclared) {
        var out = new ArrayList<RegisterEntry>();
        for (var e : settings.entries()) {
            if (!undeclared.contains(e.meterId())) {
                out.add(e);
            }
        }
        return out;
    }

    private List<ReadBlock> currentPlan(List<RegisterEntry> active) {
        var without = new HashSet<>(badPoints.keySet());
        for (var e : settings.entries()) {
            if (!active.contains(e)) {
                without.add(-1 - e.index());
            }
        }
        if (plan == null || !without.equals(plannedWithout)) {
            var good = active.stream().filter(e -> !badPoints.containsKey(e.index())).toList();
            plan = ReadPlanner.plan(good, settings.maxGap(), settings.maxRegistersPerRead());
            plannedWithout = without;
        }
        return plan;
    }

    /** One cycle's bookkeeping. */
    private final class Cycle {
        final Instant slot;
        final Reading[] values = new Reading[settings.entries().size() + 1];
        final List<String> failures = new ArrayList<>();
        final Set<String> failureKeys = new HashSet<>();
        final Set<String> affectedMeters = new LinkedHashSet<>();
        final List<String> learnedBad = new ArrayList<>();
        int learnedBadCode;
        ReadFailure deviceDown;

        Cycle(Instant slot) {
            this.slot = slot;
        }

        int index(RegisterEntry e) {
            // entries are numbered 0..n-1 in configuration order
            return e.index();
        }
    }

    private PollOutcome poll(Instant slot, BooleanSupplier stopRequested) {
        pollLock.lock();
        try {
            var configError = status.configurationError(settings != null);
            if (configError != null) {
                return new PollOutcome.Skipped(configError);
            }
            if (!settings.enabled()) {
                return new PollOutcome.Skipped("disabled");
            }
            if (stopRequested.getAsBoolean()) {
                return new PollOutcome.Skipped("stopped");
            }
            var service = ingest.get();
            if (service == null) {
                if (!waitingForIngest) {
                    LOG.info("Modbus device {}: no IngestService available; not polling until one is", settings.id());
                    waitingForIngest = true;
                }
                return new PollOutcome.Skipped("no IngestService");
            }
            waitingForIngest = false;
            cycle++;
            var c = new Cycle(slot);
            var undeclared = undeclaredMeters();
            // undeclared meters are still read (the link is checked) but never submitted (no per-poll rejection)
            var active = activeEntries(Set.of());
            if (!backoff.ready(cycle)) {
                c.failures.add("not polled: backing off after " + backoff.failuresInARow() + " failed cycle(s) ("
                        + status.lastErrorMessage() + "); next attempt in " + (backoff.waitUntil() - cycle) + " cycle(s)");
                active.forEach(e -> c.affectedMeters.add(e.meterId()));
            } else {
                read(c, active, stopRequested);
            }
            var readings = checkValues(c, undeclared);
            var submitError = submit(service, readings);
            record(c, readings, submitError, undeclared);
            return new PollOutcome.Polled(slot, readings, c.failures);
        } finally {
            pollLock.unlock();
        }
    }

    private Set<String> undeclaredMeters() {
        return UndeclaredMeters.check(meters.get(), settings.meterIds(), conditions, settings.pid(),
                settings.profile() != null ? "meter" : "registers.meter");
    }

    private void read(Cycle c, List<RegisterEntry> active, BooleanSupplier stopRequested) {
        for (var block : currentPlan(active)) {
            if (stopRequested.getAsBoolean()) {
                return;
            }
            if (c.deviceDown != null) {
                c.failures.add("read " + block.describe() + " skipped: " + c.deviceDown.getMessage());
                block.entries().forEach(e -> c.affectedMeters.add(e.meterId()));
                continue;
            }
            readSplitting(c, block);
        }
        // re-read points learned bad, each alone, when due
        for (var bad : List.copyOf(badPoints.values())) {
            if (c.deviceDown != null || stopRequested.getAsBoolean()) {
                return;
            }
            if (bad.reprobeAt() <= cycle && active.contains(bad.entry())) {
                var e = bad.entry();
                var single = new ReadBlock(e.function(), e.address(), e.width(), List.of(e));
                try {
                    var words = send(single);
                    badPoints.remove(e.index());
                    decode(c, single, words);
                } catch (ReadFailure f) {
                    if (f.badAddress()) {
                        badPoints.put(e.index(), new BadPoint(e, f.exceptionCode(), bad.since(),
                                cycle + settings.reprobeCycles()));
                    } else {
                        fail(c, single, f);
                    }
                }
            }
        }
    }

    /** Reads a block; on exception 02/03 splits it in halves until the bad points are isolated. */
    private void readSplitting(Cycle c, ReadBlock block) {
        try {
            var words = send(block);
            decode(c, block, words);
        } catch (ReadFailure f) {
            if (f.badAddress() && block.entries().size() > 1) {
                var entries = block.entries();
                int half = entries.size() / 2;
                for (var part : List.of(entries.subList(0, half), entries.subList(half, entries.size()))) {
                    for (var sub : ReadPlanner.plan(part, settings.maxGap(), settings.maxRegistersPerRead())) {
                        if (c.deviceDown != null) {
                            c.failures.add("read " + sub.describe() + " skipped: " + c.deviceDown.getMessage());
                            sub.entries().forEach(e -> c.affectedMeters.add(e.meterId()));
                        } else {
                            readSplitting(c, sub);
                        }
                    }
                }
            } else if (f.badAddress()) {
                var e = block.entries().get(0);
                badPoints.put(e.index(), new BadPoint(e, f.exceptionCode(), c.slot, cycle + settings.reprobeCycles()));
                c.learnedBad.add(e.name() + " (" + e.describe() + ")");
                c.learnedBadCode = f.exceptionCode();
                c.affectedMeters.add(e.meterId());
            } else {
                fail(c, block, f);
            }
        }
    }

    private int[] send(ReadBlock block) throws ReadFailure {
        requestsSent++;
        try {
            var words = reader.read(block.function(), block.start(), block.count());
            tracker.requestSucceeded();
            return words;
        } catch (ReadFailure f) {
            tracker.requestFailed(f.countKey(), f.getMessage());
            throw f;
        }
    }

    private void fail(Cycle c, ReadBlock block, ReadFailure f) {
        var text = "read " + block.describe() + " failed: " + f.getMessage();
        c.failures.add(text);
        c.failureKeys.add(f.deviceDown() ? "device" : "read:" + block.function() + ":" + block.start() + ":"
                + f.countKey());
        block.entries().forEach(e -> c.affectedMeters.add(e.meterId()));
        if (f.deviceDown()) {
            c.deviceDown = f;
        }
    }

    private void decode(Cycle c, ReadBlock block, int[] words) {
        for (var e : block.entries()) {
            double v = RegisterDecoder.value(e, block, words);
            c.values[e.index()] = new Reading(e.meterId(), e.quantity(), c.slot, v, Quality.GOOD, settings.source());
        }
    }

    /** NaN/Inf skipped (one alarm), negative power and falling counters SUSPECT (one alarm each). */
    private List<Reading> checkValues(Cycle c, Set<String> undeclared) {
        var readings = new ArrayList<Reading>();
        for (var e : settings.entries()) {
            var r = c.values[e.index()];
            if (r == null || undeclared.contains(e.meterId())) {
                continue;
            }
            double v = r.value();
            if (!Double.isFinite(v)) {
                conditions.raise("nan:" + e.index(), AlarmKind.INVALID_READING, "Modbus device " + settings.id() + ": "
                        + e.name() + " (" + e.describe() + ") decoded to " + v + "; not submitted", List.of(e.meterId()));
                continue;
            }
            conditions.clear("nan:" + e.index());
            var quality = Quality.GOOD;
            if (e.quantity() == Quantity.ACTIVE_POWER && v < 0) {
                quality = Quality.SUSPECT;
                conditions.raise("negative:" + e.index(), AlarmKind.NEGATIVE_VALUE, "Modbus device " + settings.id()
                        + ": " + e.meterId() + " " + e.quantity() + " is negative (" + v + "): a CT clamped backwards? "
                        + "submitted as SUSPECT", List.of(e.meterId()));
            } else {
                conditions.clear("negative:" + e.index());
            }
            if (e.quantity().cumulative()) {
                var last = lastCounter.put(e.index(), v);
                if (last != null && v < last) {
                    quality = Quality.SUSPECT;
                    conditions.raise("falling:" + e.index(), AlarmKind.COUNTER_RESET, "Modbus device " + settings.id()
                            + ": " + e.meterId() + " " + e.quantity() + " fell from " + last + " to " + v
                            + " (a CT clamped backwards, a meter swap or a reset?): submitted as SUSPECT",
                            List.of(e.meterId()));
                } else if (last != null) {
                    conditions.clear("falling:" + e.index());
                }
            }
            if (quality == Quality.GOOD && settings.deadband() > 0 && !e.quantity().cumulative()) {
                var last = lastPublished.get(e.index());
                if (last != null && last.quality() == Quality.GOOD && Math.abs(v - last.value()) <= settings.deadband()
                        && r.timestamp().isBefore(last.timestamp().plus(settings.maxSilence()))) {
                    continue; // unchanged within the deadband and not silent for too long
                }
                lastPublished.put(e.index(), r);
            }
            readings.add(quality == Quality.GOOD ? r : new Reading(r.meterId(), r.quantity(), r.timestamp(), v, quality,
                    r.source()));
        }
        return readings;
    }

    /** Submits the kept readings, then this cycle's, as one batch. Returns an error text, or null. */
    private String submit(IngestService service, List<Reading> readings) {
        if (readings.isEmpty() && retryBuffer.size() == 0) {
            return null;
        }
        var kept = retryBuffer.items();
        var batch = new ArrayList<Reading>(kept.size() + readings.size());
        batch.addAll(kept);
        batch.addAll(readings);
        try {
            var result = service.submit(settings.source(), batch);
            status.submitted(batch.size());
            if (!kept.isEmpty()) {
                LOG.info("Modbus device {}: resubmitted {} reading(s) kept while IngestService.submit failed{}",
                        settings.id(), kept.size(), droppedWhileFull == 0 ? "" : "; " + droppedWhileFull
                                + " older reading(s) were dropped while the retry buffer was full");
                retryBuffer.clear();
                droppedWhileFull = 0;
            }
            lastSubmitFailure = null;
            if (result != null && (result.invalid() > 0 || result.conflicts() > 0)) {
                LOG.debug("Modbus device {}: {} invalid, {} conflicting of {} readings", settings.id(),
                        result.invalid(), result.conflicts(), batch.size());
            }
            return null;
        } catch (RuntimeException e) {
            int dropped = retryBuffer.keep(readings);
            if (dropped > 0) {
                if (droppedWhileFull == 0) {
                    // once when the buffer overflows; the total is in the line when submit works again
                    LOG.warn("Modbus device {}: retry buffer full (retryBufferReadings = {}): dropped the {} oldest "
                            + "reading(s) that IngestService.submit did not take; dropping the oldest each cycle "
                            + "until it takes them", settings.id(), retryBuffer.capacity(), dropped);
                }
                droppedWhileFull += dropped;
            }
            var cause = e.toString();
            if (!cause.equals(lastSubmitFailure)) {
                LOG.error("Modbus device {}: IngestService.submit failed; {} reading(s) kept for the next cycle",
                        settings.id(), retryBuffer.size(), e);
            } else {
                LOG.debug("Modbus device {}: IngestService.submit failed again ({}); {} reading(s) kept",
                        settings.id(), cause, retryBuffer.size());
            }
            lastSubmitFailure = cause;
            return "IngestService.submit failed: " + cause + "; " + retryBuffer.size()
                    + " reading(s) kept for the next cycle";
        }
    }

    private void record(Cycle c, List<Reading> readings, String submitError, Set<String> undeclared) {
        // alarms: one per condition while it lasts
        conditions.clearAllExcept("read:", c.failureKeys);
        // points learned bad: one condition per device while any is bad (a wrong profile must not raise 8 alarms)
        if (!c.learnedBad.isEmpty()) {
            var meters = badPoints.values().stream().map(b -> b.entry().meterId()).distinct().toList();
            conditions.raise("bad", AlarmKind.DEVICE_ERROR, "Modbus device " + settings.describe() + ": "
                    + c.learnedBad.size() + " point(s) answer exception " + ModbusText.exception(c.learnedBadCode)
                    + ": " + String.join(", ", c.learnedBad) + "; left out of the merged requests, re-read alone "
                    + "every " + settings.reprobeCycles() + " cycles (gridprint:modbus-devices " + settings.id()
                    + " lists them)", meters);
        } else if (badPoints.isEmpty()) {
            conditions.clear("bad");
        }
        if (c.deviceDown != null) {
            long wait = backoff.failed(cycle);
            conditions.raise("device", AlarmKind.DEVICE_ERROR, "Modbus device " + settings.describe() + " does not "
                    + "answer: " + c.deviceDown.getMessage() + "; backing off (next attempt in " + wait + " cycle(s), "
                    + "at most every " + settings.maxBackoff().toSeconds() + " s)", List.copyOf(c.affectedMeters));
        } else if (backoff.ready(cycle) || c.failures.isEmpty()) {
            backoff.succeeded();
            conditions.clear("device");
        }
        for (var key : c.failureKeys) {
            if (key.startsWith("read:")) {
                conditions.raise(key, AlarmKind.DEVICE_ERROR, "Modbus device " + settings.describe() + ": "
                        + c.failures.get(0), List.copyOf(c.affectedMeters));
            }
        }
        status.freshValues(!readings.isEmpty(), "Modbus device " + settings.id(), settings.staleAfterPeriods(),
                settings.pollInterval());
        if (!undeclared.isEmpty() && c.failures.isEmpty() && submitError == null) {
            status.undeclared(c.slot, conditions.active().stream().filter(a -> a.key().equals("undeclared"))
                    .map(org.gridprint.api.driver.AlarmConditions.Active::message).findFirst().orElse("undeclared meter"));
        } else if (c.failures.isEmpty() && submitError == null) {
            // no "back online" line: the CLEARED alarm (read failures) or the resubmit line (ingest) says it once
            status.online(c.slot);
        } else {
            status.failed(c.slot, !c.failures.isEmpty() ? "Modbus device " + settings.describe() + ": "
                    + c.failures.get(0) + (c.failures.size() > 1 ? " (+" + (c.failures.size() - 1) + " more)" : "")
                    : "Modbus device " + settings.id() + ": " + submitError);
        }
        if (c.failures.isEmpty() && submitError == null && !badPoints.isEmpty() && undeclared.isEmpty()) {
            // the good points were read: still ONLINE, the bad ones are shown by their alarms and badPoints()
            status.succeededAt(c.slot);
        }
        badSnapshot = List.copyOf(badPoints.values());
        status.publish();
    }
}
