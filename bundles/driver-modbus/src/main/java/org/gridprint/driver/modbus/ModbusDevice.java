package org.gridprint.driver.modbus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;
import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Modbus TCP device: polls its register map on its own thread and hands each cycle to the
 * {@link IngestService} as one batch. Usable without OSGi: construct, {@link #start()}, {@link #stop()};
 * tests may call {@link #pollOnce()} directly.
 * <p>
 * Scheduling: one poll per wall-clock slot (a multiple of the poll period since the epoch, read from the
 * injected {@link Clock}); after each poll exactly one run is scheduled, at the first slot after now, so
 * a slow poll skips the slots it ran past instead of firing a burst of catch-up polls. Readings are
 * stamped with the slot (e.g. 23:45:00.000), not the time of the read, so counter intervals end on the
 * period boundaries.
 * <p>
 * A bad configuration gives a device in state CONFIG_ERROR that never polls. A failed read request
 * marks its entries missing for that cycle; the readings that were read are still submitted. When
 * {@code IngestService.submit} throws, the batch is kept in a bounded in-memory retry buffer and
 * submitted again with the next cycle's batch. A device error is logged at WARN and raised as a
 * DEVICE_ERROR alarm when it starts or its message changes; repeats of the same error are logged at
 * DEBUG. The scheduled task never dies: the next cycle retries. {@link #stop()} never interrupts the
 * poll thread (IngestService implementations such as Derby break on interrupted threads).
 */
public final class ModbusDevice implements Device {

    public static final String DRIVER = "modbus";
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);
    /** How long {@link #stop()} waits for a running cycle beyond the request timeout (submit, decode). */
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final ParsedConfig config;
    private final DeviceSettings settings;
    private final List<ReadBlock> plan;
    private final Clock clock;
    private final Supplier<IngestService> ingest;
    private final AlarmSink alarms;
    private final RegisterReader reader;
    private final Object pollLock = new Object();

    /** One start()..stop(): its executor and its stop flag. */
    private record Run(ScheduledThreadPoolExecutor executor, AtomicBoolean stopping) {
        boolean stopRequested() {
            return stopping.get();
        }
    }

    // guarded by this
    private Run run;
    /** stop() was called and no start() since: {@link #pollOnce()} does nothing. */
    private volatile boolean stopped;
    private volatile DeviceHealth health;
    // guarded by pollLock
    private DeviceState state;
    private Instant lastSuccess;
    private Instant lastError;
    private String lastErrorMessage;
    private String lastAlarmed;
    private long readingsSubmitted;
    private int failedCycles;
    private boolean waitingForIngest;
    private Set<String> lastCycleFailures = Set.of();
    private String lastSubmitFailure;
    private final ArrayDeque<Reading> retryBuffer = new ArrayDeque<>();

    public ModbusDevice(ParsedConfig config, Clock clock, Supplier<IngestService> ingest, AlarmSink alarms,
            Function<DeviceSettings, RegisterReader> readerFactory) {
        this.config = config;
        this.clock = clock;
        this.ingest = ingest;
        this.alarms = alarms;
        if (config instanceof ParsedConfig.Valid valid) {
            settings = valid.settings();
            plan = ReadPlanner.plan(settings.entries(), settings.maxGap(), settings.maxRegistersPerRead());
            reader = readerFactory.apply(settings);
            state = settings.enabled() ? DeviceState.STARTING : DeviceState.DISABLED;
        } else {
            var invalid = (ParsedConfig.Invalid) config;
            settings = null;
            plan = List.of();
            reader = null;
            state = DeviceState.CONFIG_ERROR;
            lastError = clock.instant();
            lastErrorMessage = invalid.message();
        }
        publishHealth();
    }

    /** A device reading over j2mod Modbus TCP. */
    public static ModbusDevice create(ParsedConfig config, Clock clock, Supplier<IngestService> ingest,
            AlarmSink alarms) {
        return new ModbusDevice(config, clock, ingest, alarms, J2modRegisterReader::of);
    }

    @Override
    public String id() {
        return config.deviceId();
    }

    @Override
    public DeviceHealth health() {
        return health;
    }

    /** The read requests of one cycle. */
    public List<ReadBlock> plan() {
        return plan;
    }

    public Optional<DeviceSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /** Readings waiting in the retry buffer because {@code IngestService.submit} failed. */
    public int bufferedReadings() {
        synchronized (pollLock) {
            return retryBuffer.size();
        }
    }

    /**
     * Starts polling on the device's own thread, one poll per wall-clock slot. A bad configuration is
     * reported (log ERROR, CONFIG_ERROR alarm) instead.
     */
    public synchronized void start() {
        if (config instanceof ParsedConfig.Invalid invalid) {
            LOG.error("Modbus device {} not started: {}", invalid.deviceId(), invalid.message());
            alarms.raise(AlarmKind.CONFIG_ERROR, invalid.deviceId(), invalid.message(), List.of());
            return;
        }
        if (!settings.enabled()) {
            LOG.info("Modbus device {} is disabled (enabled=false); not polling", settings.describe());
            return;
        }
        if (run != null) {
            return;
        }
        stopped = false;
        var executor = new ScheduledThreadPoolExecutor(1, r -> {
            var t = new Thread(r, "gridprint-modbus-" + settings.id());
            t.setDaemon(true);
            return t;
        });
        // shutdown() drops the pending next slot instead of waiting for it
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        run = new Run(executor, new AtomicBoolean());
        schedule(run, PollSlots.nextAfter(clock.millis(), periodMillis()));
        LOG.info("Modbus device {} polling {} entries in {} request(s) every {} s", settings.describe(),
                settings.entries().size(), plan.size(), settings.pollInterval().toSeconds());
    }

    /**
     * Stops polling and closes the connection. Never interrupts the poll thread: a read in progress is
     * ended by closing its socket, a submit in progress is let finish. Waits a bounded time for the
     * running cycle; if it is still busy then, it closes the connection itself when it ends.
     */
    public void stop() {
        Run r;
        synchronized (this) {
            r = run;
            run = null;
            stopped = true;
        }
        if (r != null) {
            r.stopping().set(true);
            r.executor().shutdown();
            if (reader != null) {
                reader.abort();
            }
            long bound = settings.timeout().toMillis() + STOP_GRACE_MILLIS;
            try {
                if (!r.executor().awaitTermination(bound, TimeUnit.MILLISECONDS)) {
                    LOG.warn("Modbus device {}: poll cycle still running after {} ms; it is not interrupted and "
                            + "closes the connection when it ends", settings.id(), bound);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        finishStop();
    }

    /** Closes the connection and shows DISABLED, unless the device was started again meanwhile. */
    private void finishStop() {
        synchronized (pollLock) {
            if (!stopped) {
                return;
            }
            if (reader != null) {
                reader.close();
            }
            if (state != DeviceState.CONFIG_ERROR) {
                state = DeviceState.DISABLED;
                publishHealth();
            }
        }
    }

    private long periodMillis() {
        return settings.pollInterval().toMillis();
    }

    /** Schedules one poll of {@code slot} (epoch ms), at that wall-clock time. */
    private void schedule(Run r, long slot) {
        long delay = Math.max(0, slot - clock.millis());
        try {
            r.executor().schedule(() -> runSlot(r, slot), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (!r.stopRequested()) {
                LOG.error("Modbus device {}: could not schedule the next poll", settings.id(), e);
            }
        }
    }

    /** The scheduled task: polls the slot, then schedules exactly one next run. Never throws. */
    private void runSlot(Run r, long scheduledSlot) {
        long period = periodMillis();
        long slot = scheduledSlot;
        try {
            if (!r.stopRequested()) {
                long current = PollSlots.slotOf(clock.millis(), period);
                if (current > slot) {
                    // started late (e.g. the machine was suspended): poll the current slot, not a past one
                    LOG.debug("Modbus device {}: started {} slot(s) late; polling the current slot", settings.id(),
                            (current - slot) / period);
                    slot = current;
                }
                poll(Instant.ofEpochMilli(slot), r::stopRequested);
            }
        } catch (Throwable t) {
            // the scheduled task must never die
            LOG.error("Modbus device {}: unexpected error in poll cycle", settings.id(), t);
        } finally {
            if (r.stopRequested()) {
                finishStop();
            } else {
                scheduleNext(r, slot, period);
            }
        }
    }

    private void scheduleNext(Run r, long polledSlot, long period) {
        long nextSlot;
        try {
            var next = PollSlots.next(polledSlot, clock.millis(), period);
            if (next.clockWentBack()) {
                LOG.warn("Modbus device {}: the wall clock went back before the slot just polled ({}); polling "
                        + "again from {}", settings.id(), Instant.ofEpochMilli(polledSlot),
                        Instant.ofEpochMilli(next.slot()));
            } else if (next.skipped() > 0) {
                LOG.debug("Modbus device {}: poll of {} ran past {} slot(s); skipped them, next poll at {}",
                        settings.id(), Instant.ofEpochMilli(polledSlot), next.skipped(),
                        Instant.ofEpochMilli(next.slot()));
            }
            nextSlot = next.slot();
        } catch (RuntimeException e) {
            LOG.error("Modbus device {}: could not compute the next slot; polling in one period", settings.id(), e);
            nextSlot = polledSlot + period;
        }
        schedule(r, nextSlot);
    }

    /**
     * Runs one poll cycle now, stamped with the current slot (the multiple of the poll period at or before
     * now): reads every block, submits what was read (with any readings kept from failed submits),
     * updates health and alarms.
     */
    public PollOutcome pollOnce() {
        if (settings == null || !settings.enabled()) {
            return poll(clock.instant(), () -> false);
        }
        return poll(Instant.ofEpochMilli(PollSlots.slotOf(clock.millis(), periodMillis())), () -> stopped);
    }

    private PollOutcome poll(Instant slot, BooleanSupplier stopRequested) {
        synchronized (pollLock) {
            if (settings == null) {
                return new PollOutcome.Skipped("configuration error: " + lastErrorMessage);
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
            var values = new Reading[settings.entries().size()];
            var failures = new ArrayList<String>();
            var cycleFailures = new HashSet<String>();
            var affectedMeters = new LinkedHashSet<String>();
            ReadFailure connectionDown = null;
            boolean cutShort = false;
            for (var block : plan) {
                if (stopRequested.getAsBoolean()) {
                    cutShort = true;
                    break;
                }
                if (connectionDown != null) {
                    failures.add("read " + block.describe() + " skipped: " + connectionDown.getMessage());
                    block.entries().forEach(e -> affectedMeters.add(e.meterId()));
                    continue;
                }
                try {
                    var words = reader.read(block.function(), block.start(), block.count());
                    decodeBlock(block, words, slot, values);
                } catch (ReadFailure f) {
                    if (stopRequested.getAsBoolean()) {
                        // stop() closed the socket under this read: not a device error
                        cutShort = true;
                        break;
                    }
                    var text = "read " + block.describe() + " failed: " + f.getMessage();
                    failures.add(text);
                    cycleFailures.add(text);
                    block.entries().forEach(e -> affectedMeters.add(e.meterId()));
                    logFailure(text, f);
                    if (!f.connectionUsable()) {
                        connectionDown = f;
                    }
                }
            }
            var readings = new ArrayList<Reading>();
            for (var r : values) {
                if (r != null) {
                    readings.add(r);
                }
            }
            var submitError = submit(service, readings);
            if (cutShort) {
                LOG.debug("Modbus device {}: poll of {} cut short by stop", settings.id(), slot);
                failures.add("poll cycle cut short: device " + settings.id() + " stopping");
                return new PollOutcome.Polled(slot, readings, failures);
            }
            lastCycleFailures = cycleFailures;
            record(slot, failures, List.copyOf(affectedMeters), submitError);
            return new PollOutcome.Polled(slot, readings, failures);
        }
    }

    /**
     * Submits this cycle's readings after those kept from failed submits, as one batch (duplicates of
     * readings the store did take are counted as duplicates there). Returns an error text, or null.
     */
    private String submit(IngestService service, List<Reading> readings) {
        if (readings.isEmpty() && retryBuffer.isEmpty()) {
            return null;
        }
        var batch = new ArrayList<Reading>(retryBuffer.size() + readings.size());
        batch.addAll(retryBuffer);
        batch.addAll(readings);
        try {
            var result = service.submit(settings.source(), batch);
            readingsSubmitted += batch.size();
            if (!retryBuffer.isEmpty()) {
                LOG.info("Modbus device {}: resubmitted {} reading(s) kept while IngestService.submit failed",
                        settings.id(), retryBuffer.size());
                retryBuffer.clear();
            }
            lastSubmitFailure = null;
            if (result != null && (result.invalid() > 0 || result.conflicts() > 0)) {
                LOG.debug("Modbus device {}: {} invalid, {} conflicting of {} readings", settings.id(),
                        result.invalid(), result.conflicts(), batch.size());
            }
            return null;
        } catch (RuntimeException e) {
            keep(readings);
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

    /** Adds readings to the retry buffer; drops the oldest beyond {@code retryBufferReadings}. */
    private void keep(List<Reading> readings) {
        retryBuffer.addAll(readings);
        int over = retryBuffer.size() - settings.retryBufferReadings();
        if (over > 0) {
            for (int i = 0; i < over; i++) {
                retryBuffer.pollFirst();
            }
            LOG.warn("Modbus device {}: retry buffer full (retryBufferReadings = {}): dropped the {} oldest "
                    + "reading(s) that IngestService.submit did not take", settings.id(),
                    settings.retryBufferReadings(), over);
        }
    }

    private void decodeBlock(ReadBlock block, int[] words, Instant timestamp, Reading[] values) {
        for (var e : block.entries()) {
            double v = RegisterDecoder.value(e, block, words);
            if (Double.isFinite(v)) {
                values[e.index()] = Reading.good(e.meterId(), e.quantity(), timestamp, v, settings.source());
            } else {
                LOG.warn("Modbus device {}: registers[{}] {} decoded to {}; skipped", settings.id(), e.index(),
                        e.describe(), v);
            }
        }
    }

    /** WARN when the device was fine or this failure is new (not in the last cycle); DEBUG for repeats. */
    private void logFailure(String text, ReadFailure f) {
        var message = "Modbus device " + settings.describe() + ": " + text;
        if (state != DeviceState.ERROR || !lastCycleFailures.contains(text)) {
            LOG.warn(message);
        } else {
            LOG.debug(message, f);
        }
    }

    private void record(Instant timestamp, List<String> failures, List<String> affectedMeters, String submitError) {
        if (failures.isEmpty() && submitError == null) {
            if (state == DeviceState.ERROR) {
                LOG.info("Modbus device {} is back online after {} failed cycle(s)", settings.describe(), failedCycles);
            }
            state = DeviceState.ONLINE;
            lastSuccess = timestamp;
            lastAlarmed = null;
            failedCycles = 0;
        } else {
            state = DeviceState.ERROR;
            lastError = timestamp;
            failedCycles++;
            if (!failures.isEmpty()) {
                var message = "Modbus device " + settings.describe() + ": " + failures.get(0)
                        + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more failed request(s))" : "");
                lastErrorMessage = message;
                if (!message.equals(lastAlarmed)) {
                    alarms.raise(AlarmKind.DEVICE_ERROR, settings.id(), message, affectedMeters);
                    lastAlarmed = message;
                }
            } else {
                lastErrorMessage = "Modbus device " + settings.id() + ": " + submitError;
            }
        }
        publishHealth();
    }

    private void publishHealth() {
        health = new DeviceHealth(config.deviceId(), DRIVER, state, Optional.ofNullable(lastSuccess),
                Optional.ofNullable(lastError), Optional.ofNullable(lastErrorMessage),
                settings == null ? List.of() : settings.meterIds(), readingsSubmitted);
    }
}
