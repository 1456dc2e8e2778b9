package org.gridprint.driver.bacnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.driver.bacnet.config.ParsedDevice;
import org.gridprint.driver.bacnet.config.ProfileLoader;
import org.gridprint.driver.bacnet.config.StackSettings;
import org.gridprint.driver.toolkit.AlarmEvents;
import org.gridprint.driver.toolkit.DeviceIds;
import org.gridprint.driver.toolkit.WallClockPollScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;

/**
 * What the BACnet stacks and devices of this bundle share: the stacks by id (one per local address and port), the
 * poll scheduler, the profile loader, the device ids in use, and the commissioning operations of the console
 * ({@code gridprint:bacnet-discover}, {@code bacnet-objects}, {@code bacnet-devices}).
 */
@Component(service = BacnetDriver.class, immediate = true)
public class BacnetDriver {

    private static final Logger LOG = LoggerFactory.getLogger(BacnetDriver.class);

    private final Clock clock;
    private WallClockPollScheduler scheduler;
    private ProfileLoader profiles;
    private final Map<String, BacnetStack> stacks = new HashMap<>();
    private final Map<String, String> stackOwners = new HashMap<>();
    private final DeviceIds<BacnetDevice> devices = new DeviceIds<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MeterRegistry meterRegistry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    public BacnetDriver() {
        this(Clock.systemUTC());
    }

    /** Outside OSGi (tests, benchmarks): call {@link #open} after construction. */
    public BacnetDriver(Clock clock) {
        this.clock = clock;
    }

    @Activate
    void activate() {
        open(ProfileLoader.standard());
    }

    public void open(ProfileLoader loader) {
        scheduler = new WallClockPollScheduler(clock, "gridprint-bacnet-timer");
        profiles = loader;
    }

    @Deactivate
    public void close() {
        scheduler.close();
        List<BacnetStack> all;
        synchronized (this) {
            all = new ArrayList<>(stacks.values());
            stacks.clear();
        }
        all.forEach(BacnetStack::close);
    }

    public ProfileLoader profiles() {
        return profiles;
    }

    public void setMeterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
    }

    void post(Alarm alarm) {
        AlarmEvents.post(eventAdmin, alarm); // a failure: EventAdmin going away
    }

    /**
     * Opens a stack. Returns null, or the error (an id or an address:port already used by another configuration,
     * a socket that cannot be bound) naming the PIDs and fields.
     */
    public String defineStack(StackSettings s) {
        synchronized (this) {
            var owner = stackOwners.get(s.id());
            if (owner != null && !owner.equals(s.pid())) {
                return s.pid() + ": id = \"" + s.id() + "\": already used by stack configuration " + owner
                        + ": expected a stack id unique across files";
            }
            for (var other : stacks.values()) {
                if (!other.settings().id().equals(s.id()) && other.settings().port() == s.port()
                        && (other.settings().bindAddress().equals(s.bindAddress())
                                || other.settings().bindAddress().equals("0.0.0.0")
                                || s.bindAddress().equals("0.0.0.0"))) {
                    return s.pid() + ": bindAddress:port = " + s.endpoint() + ": already used by stack "
                            + other.settings().id() + " (" + other.settings().pid() + "): expected one stack per "
                            + "local address and port (devices share it)";
                }
            }
        }
        var stack = new BacnetStack(s, this::post);
        try {
            stack.open();
        } catch (BacnetFailure e) {
            return e.getMessage();
        }
        BacnetStack old;
        synchronized (this) {
            stackOwners.put(s.id(), s.pid());
            old = stacks.put(s.id(), stack);
        }
        if (old != null) {
            old.close();
        }
        return null;
    }

    public void undefineStack(String id, String pid) {
        BacnetStack s = null;
        synchronized (this) {
            if (pid.equals(stackOwners.get(id))) {
                stackOwners.remove(id);
                s = stacks.remove(id);
            }
        }
        if (s != null) {
            s.close();
        }
    }

    public synchronized Optional<BacnetStack> stack(String id) {
        return Optional.ofNullable(stacks.get(id));
    }

    public synchronized List<BacnetStack> stacks() {
        return stacks.values().stream().sorted(java.util.Comparator.comparing(s -> s.settings().id())).toList();
    }

    /** Makes the device of a parsed configuration, scheduled by the shared scheduler, on its stack (looked up per cycle). */
    public BacnetDevice device(ParsedDevice parsed, Supplier<IngestService> ingest, AlarmSink alarms) {
        Supplier<BacnetStack> stackOf = parsed instanceof ParsedDevice.Valid v
                ? () -> stack(v.settings().stack()).orElse(null) : () -> null;
        var device = new BacnetDevice(parsed, clock, ingest, alarms, stackOf, scheduler, () -> meterRegistry);
        var refusal = devices.claim(parsed.deviceId(), parsed.pid(), device);
        if (refusal != null) {
            device.refuse(refusal);
        }
        return device;
    }

    public void release(BacnetDevice device) {
        devices.release(device);
    }

    public List<BacnetDevice> devices() {
        return devices.all().stream().sorted(java.util.Comparator.comparing(BacnetDevice::id)).toList();
    }

    private BacnetStack existing(String stackId) {
        return stack(stackId).orElseThrow(() -> new IllegalArgumentException("stack = \"" + stackId
                + "\": no such stack: expected one of " + String.join(", ", stacks().stream()
                        .map(s -> s.settings().id()).toList())
                + " (configure org.gridprint.driver.bacnet.stack-<name>.cfg)"));
    }

    /** Who-Is for {@code low..high} on a stack (broadcast, or unicast to host:port); the I-Ams within {@code wait}. */
    public List<BacnetStack.Found> discover(String stackId, int low, int high, Optional<String> target, Duration wait)
            throws BacnetFailure {
        if (low < 0 || high > 4_194_303 || low > high) {
            throw new IllegalArgumentException("range " + low + ".." + high + ": expected 0 <= low <= high <= 4194303");
        }
        if (wait.isNegative() || wait.toMillis() > 60_000) {
            throw new IllegalArgumentException("wait = " + wait.toMillis() + " ms: expected 0..60000");
        }
        return existing(stackId).discover(low, high, target, wait);
    }

    /** One object of a device as commissioning shows it. */
    public record ObjectInfo(ObjectRef object, String name, String units, String unitSymbol, String presentValue,
            String note) {
    }

    /**
     * A device's objects with name, units (and whether Gridprint stores that unit) and present value, read with
     * ReadPropertyMultiple in batches that shrink when the device refuses their size. At most {@code limit} objects.
     */
    public List<ObjectInfo> objects(String stackId, int instance, Optional<String> address, int limit)
            throws BacnetFailure {
        var s = existing(stackId);
        var rd = s.remote(instance, address, s.settings().timeout());
        var list = s.objectList(rd);
        var out = new ArrayList<ObjectInfo>();
        var sizer = new BatchSizer(20, 10);
        var objects = list.stream().filter(o -> o.type() != ObjectType.device).limit(limit).toList();
        int at = 0;
        while (at < objects.size()) {
            int n = Math.min(sizer.size(), objects.size() - at);
            var batch = objects.subList(at, at + n);
            var reqs = new ArrayList<BacnetStack.Request>();
            for (var o : batch) {
                reqs.add(new BacnetStack.Request(o, PropertyIdentifier.objectName));
                reqs.add(new BacnetStack.Request(o, PropertyIdentifier.units));
                reqs.add(new BacnetStack.Request(o, PropertyIdentifier.presentValue));
            }
            List<PropertyResult> res;
            try {
                res = s.readMultiple(rd, reqs);
            } catch (BacnetFailure f) {
                if (f.tooLarge() && sizer.tooLarge(n)) {
                    continue;
                }
                throw f;
            }
            for (int i = 0; i < batch.size(); i++) {
                var name = res.get(3 * i) instanceof PropertyResult.Value v ? v.value().toString() : "-";
                String units = "-";
                String symbol = "-";
                String note = "";
                if (res.get(3 * i + 1) instanceof PropertyResult.Value v
                        && v.value() instanceof com.serotonin.bacnet4j.type.enumerated.EngineeringUnits eu) {
                    units = eu.toString();
                    var conv = BacnetUnits.of(eu);
                    symbol = conv.map(BacnetUnits.Conversion::symbol).orElse("?");
                    if (conv.isEmpty()) {
                        note = "unit not stored by Gridprint";
                    }
                }
                var pv = res.get(3 * i + 2) instanceof PropertyResult.Value v ? Values.text(v.value())
                        : "(" + res.get(3 * i + 2) + ")";
                out.add(new ObjectInfo(batch.get(i), name, units, symbol, pv, note));
            }
            at += n;
        }
        return out;
    }

    /**
     * Writes a device configuration for what {@link #objects} found: one point per object whose unit Gridprint
     * stores, with a quantity guessed from the unit (energy units: ACTIVE_ENERGY_IMPORT or THERMAL_ENERGY, power:
     * ACTIVE_POWER, ...). The file is commented for review and never replaces an existing one.
     *
     * @return the file written
     */
    public Path writeConfig(String stackId, int instance, Optional<String> address, String deviceId, String meterId,
            Path dir, int limit) throws BacnetFailure, IOException {
        if (!deviceId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("device id = \"" + deviceId + "\": expected letters, digits, '.', "
                    + "'_', '-'");
        }
        var found = objects(stackId, instance, address, limit);
        var file = dir.resolve("org.gridprint.driver.bacnet-" + deviceId + ".cfg");
        var text = ConfigWriter.device(stackId, instance, address, deviceId, meterId, found);
        Files.createDirectories(dir);
        try {
            Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException(file + " exists: expected a new file (remove it or choose another id)");
        }
        LOG.info("BACnet: wrote {} for device {} ({} objects)", file, instance, found.size());
        return file;
    }

    /** The CONFIG_ERROR alarm of a stack configuration that cannot be used. */
    void stackError(String pid, String message) {
        post(Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant()).withSource(pid));
    }
}
