package org.gridprint.driver.modbus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * A bad configuration gives a device in state CONFIG_ERROR that never polls. A failed read request
 * marks its entries missing for that cycle; the readings that were read are still submitted. A device
 * error is logged at WARN and raised as a DEVICE_ERROR alarm when it starts or its message changes;
 * repeats of the same error are logged at DEBUG. The scheduled task never dies: the next cycle retries.
 */
public final class ModbusDevice implements Device {

    public static final String DRIVER = "modbus";
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);

    private final ParsedConfig config;
    private final DeviceSettings settings;
    private final List<ReadBlock> plan;
    private final Clock clock;
    private final Supplier<IngestService> ingest;
    private final AlarmSink alarms;
    private final RegisterReader reader;
    private final Object pollLock = new Object();

    private ScheduledExecutorService scheduler;
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

    /**
     * Starts polling on the device's own thread, aligned to multiples of the poll interval. A bad
     * configuration is reported (log ERROR, CONFIG_ERROR alarm) instead.
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
        if (scheduler != null) {
            return;
        }
        long period = settings.pollInterval().toMillis();
        long initialDelay = period - Math.floorMod(clock.millis(), period);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-modbus-" + settings.id());
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::safePoll, initialDelay, period, TimeUnit.MILLISECONDS);
        LOG.info("Modbus device {} polling {} entries in {} request(s) every {} s", settings.describe(),
                settings.entries().size(), plan.size(), settings.pollInterval().toSeconds());
    }

    /** Stops polling and closes the connection. */
    public synchronized void stop() {
        var s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
            try {
                if (!s.awaitTermination(settings.timeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)) {
                    LOG.warn("Modbus device {}: poll thread did not stop in time", settings.id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (pollLock) {
            if (reader != null) {
                reader.close();
            }
            if (state != DeviceState.CONFIG_ERROR) {
                state = DeviceState.DISABLED;
                publishHealth();
            }
        }
    }

    private void safePoll() {
        try {
            pollOnce();
        } catch (Throwable t) {
            // the scheduled task must never die
            LOG.error("Modbus device {}: unexpected error in poll cycle", id(), t);
        }
    }

    /** Runs one poll cycle now: reads every block, submits what was read, updates health and alarms. */
    public PollOutcome pollOnce() {
        synchronized (pollLock) {
            if (settings == null) {
                return new PollOutcome.Skipped("configuration error: " + lastErrorMessage);
            }
            if (!settings.enabled()) {
                return new PollOutcome.Skipped("disabled");
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
            var timestamp = clock.instant();
            var values = new Reading[settings.entries().size()];
            var failures = new ArrayList<String>();
            var affectedMeters = new LinkedHashSet<String>();
            ReadFailure connectionDown = null;
            for (var block : plan) {
                if (connectionDown != null) {
                    failures.add("read " + block.describe() + " skipped: " + connectionDown.getMessage());
                    block.entries().forEach(e -> affectedMeters.add(e.meterId()));
                    continue;
                }
                try {
                    var words = reader.read(block.function(), block.start(), block.count());
                    decodeBlock(block, words, timestamp, values);
                } catch (ReadFailure f) {
                    var text = "read " + block.describe() + " failed: " + f.getMessage();
                    failures.add(text);
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
            String submitError = null;
            if (!readings.isEmpty()) {
                try {
                    var result = service.submit(settings.source(), readings);
                    readingsSubmitted += readings.size();
                    if (result != null && (result.invalid() > 0 || result.conflicts() > 0)) {
                        LOG.debug("Modbus device {}: {} invalid, {} conflicting of {} readings", settings.id(),
                                result.invalid(), result.conflicts(), readings.size());
                    }
                } catch (RuntimeException e) {
                    submitError = "IngestService.submit failed: " + e;
                    LOG.error("Modbus device {}: {}", settings.id(), submitError, e);
                }
            }
            record(timestamp, failures, List.copyOf(affectedMeters), submitError);
            return new PollOutcome.Polled(timestamp, readings, failures);
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

    private void logFailure(String text, ReadFailure f) {
        var message = "Modbus device " + settings.describe() + ": " + text;
        if (state != DeviceState.ERROR) {
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
