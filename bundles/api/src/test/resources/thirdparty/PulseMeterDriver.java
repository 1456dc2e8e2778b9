package com.example.gridprint.pulse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Unit;
import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;

/**
 * A third-party driver written against gridprint-api ONLY (no OSGi, no Gridprint implementation classes).
 * ThirdPartyDriverCompilesTest compiles this file with nothing but the api's classes on the classpath.
 * <p>
 * It reads one "pulse meter": an energy counter and a power value, each in a unit the operator configures
 * (energyUnit, powerUnit), converts them to the canonical units with {@link Unit#toCanonical(double)} and
 * hands each poll cycle to {@link IngestService#submit} as ONE batch. In a real bundle the OSGi glue is a
 * few lines (a DS component that registers this object as a {@link Device} service with property
 * {@link Device#PROPERTY_DEVICE_ID} and turns the {@code eventSink} calls into
 * {@code eventAdmin.postEvent(new Event(topic, properties))}); see bundles/api/README.md.
 */
public final class PulseMeterDriver implements Device {

    public static final String DRIVER = "pulse";

    private final String deviceId;
    private final String meterId;
    private final Unit energyUnit;
    private final Unit powerUnit;
    private final String configError;
    private final DoubleSupplier energyRegister;
    private final DoubleSupplier powerRegister;
    private final BiConsumer<String, Map<String, Object>> eventSink;

    private DeviceState state;
    private Instant lastSuccess;
    private Instant lastError;
    private String lastErrorMessage;
    private long readingsSubmitted;
    private final Map<String, Long> outcomeCounts = new LinkedHashMap<>();

    /**
     * @param config         like DS component properties: {@code id}, {@code meter}, {@code energyUnit}, {@code powerUnit}
     * @param energyRegister reads the raw energy counter (in energyUnit)
     * @param powerRegister  reads the raw power (in powerUnit)
     * @param eventSink      (topic, properties), i.e. EventAdmin.postEvent in OSGi
     */
    public PulseMeterDriver(Map<String, Object> config, DoubleSupplier energyRegister, DoubleSupplier powerRegister,
            BiConsumer<String, Map<String, Object>> eventSink) {
        this.deviceId = String.valueOf(config.getOrDefault("id", "unnamed"));
        this.meterId = String.valueOf(config.get("meter"));
        this.energyRegister = energyRegister;
        this.powerRegister = powerRegister;
        this.eventSink = eventSink;
        var problems = new ArrayList<String>();
        this.energyUnit = unit(config, "energyUnit", Quantity.ACTIVE_ENERGY_IMPORT, problems);
        this.powerUnit = unit(config, "powerUnit", Quantity.ACTIVE_POWER, problems);
        if (config.get("meter") == null) {
            problems.add("meter is missing; expected a meter id declared with factory PID org.gridprint.meter");
        }
        for (var kind : List.of("Accepted", "Duplicate", "Conflict", "Invalid")) {
            outcomeCounts.put(kind, 0L);
        }
        if (problems.isEmpty()) {
            configError = null;
            state = DeviceState.STARTING;
        } else {
            // still a Device (state CONFIG_ERROR) so operators see it in gridprint:devices
            configError = "pulse device " + deviceId + ": " + String.join("; ", problems);
            state = DeviceState.CONFIG_ERROR;
            lastError = Instant.now();
            lastErrorMessage = configError;
            raise(Alarm.of(AlarmKind.CONFIG_ERROR, configError, lastError));
        }
    }

    private static Unit unit(Map<String, Object> config, String key, Quantity quantity, List<String> problems) {
        var text = config.get(key);
        var unit = Unit.parse(text == null ? quantity.canonicalUnit() : text.toString());
        if (unit.isEmpty()) {
            problems.add(key + " = \"" + text + "\": not a unit");
            return null;
        }
        if (!quantity.accepts(unit.get())) {
            problems.add(key + " = \"" + text + "\": not a unit of " + quantity + " (canonical "
                    + quantity.canonicalUnit() + ")");
            return null;
        }
        return unit.get();
    }

    public String source() {
        return DRIVER + "/" + deviceId;
    }

    @Override
    public String id() {
        return deviceId;
    }

    @Override
    public synchronized DeviceHealth health() {
        return new DeviceHealth(deviceId, DRIVER, state, Optional.ofNullable(lastSuccess), Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorMessage), configError == null ? List.of(meterId) : List.of(),
                readingsSubmitted);
    }

    /** Outcomes seen so far by kind (Accepted, Duplicate, Conflict, Invalid). */
    public synchronized Map<String, Long> outcomeCounts() {
        return Map.copyOf(outcomeCounts);
    }

    /**
     * One poll cycle: read, convert, submit ONE batch, look at every outcome. Returns the result, or empty
     * when nothing was submitted (bad configuration, no IngestService, submit threw).
     */
    public synchronized Optional<IngestResult> poll(IngestService ingest, Instant now) {
        if (configError != null || ingest == null) {
            return Optional.empty();
        }
        var batch = new ArrayList<Reading>();
        add(batch, Quantity.ACTIVE_ENERGY_IMPORT, energyUnit, energyRegister.getAsDouble(), now);
        add(batch, Quantity.ACTIVE_POWER, powerUnit, powerRegister.getAsDouble(), now);
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        IngestResult result;
        try {
            result = ingest.submit(source(), batch);
        } catch (RuntimeException e) {
            // nothing of the batch was stored; a later resubmission is safe (idempotent key)
            state = DeviceState.ERROR;
            lastError = now;
            lastErrorMessage = "pulse device " + deviceId + ": IngestService.submit failed: " + e.getMessage();
            raise(Alarm.of(AlarmKind.DEVICE_ERROR, lastErrorMessage, now).withMeterIds(List.of(meterId))
                    .with(EventKeys.COUNT, batch.size()));
            return Optional.empty();
        }
        readingsSubmitted += batch.size();
        for (IngestOutcome outcome : result.outcomes()) {
            // IngestOutcome is sealed: these four are all there is
            String kind;
            if (outcome instanceof IngestOutcome.Accepted accepted) {
                kind = "Accepted";
            } else if (outcome instanceof IngestOutcome.Duplicate duplicate) {
                kind = "Duplicate";
            } else if (outcome instanceof IngestOutcome.Conflict conflict) {
                kind = "Conflict"; // the core quarantined it and raised CONFLICT; conflict.storedValue() is kept
            } else if (outcome instanceof IngestOutcome.Invalid invalid) {
                kind = "Invalid"; // invalid.reason() says why, e.g. an undeclared meter
            } else {
                throw new AssertionError("unknown outcome " + outcome);
            }
            outcomeCounts.merge(kind, 1L, Long::sum);
        }
        state = DeviceState.ONLINE;
        lastSuccess = now;
        return Optional.of(result);
    }

    private void add(List<Reading> batch, Quantity quantity, Unit unit, double raw, Instant now) {
        if (!Double.isFinite(raw)) {
            return; // never submit NaN; the ingest service would reject it anyway
        }
        batch.add(Reading.good(meterId, quantity, now, unit.toCanonical(raw), source()));
    }

    private void raise(Alarm alarm) {
        var full = alarm.withSource(source()).withDeviceId(deviceId);
        eventSink.accept(full.topic(), full.toEventProperties());
    }
}
