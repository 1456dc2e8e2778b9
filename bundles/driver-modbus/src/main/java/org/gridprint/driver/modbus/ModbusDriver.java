package org.gridprint.driver.modbus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.driver.toolkit.WallClockPollScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What the Modbus devices and bridges of this bundle share: the bridges by id, the poll scheduler, the profile
 * loader, the device ids in use (a second file with the same device id is refused, naming both PIDs) and the meter
 * registry for the undeclared-meter check. One instance; the device and bridge components reference it.
 */
@Component(service = ModbusDriver.class, immediate = true)
public class ModbusDriver {

    private final Clock clock;
    private BridgeRegistry bridges;
    private WallClockPollScheduler scheduler;
    private ProfileLoader profiles;
    private final Map<String, String> deviceOwners = new HashMap<>();
    private final Map<String, ModbusDevice> devices = new HashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MeterRegistry meterRegistry;

    public ModbusDriver() {
        this(Clock.systemUTC());
    }

    /** Outside OSGi (tests, benchmarks): call {@link #open} after construction. */
    public ModbusDriver(Clock clock) {
        this.clock = clock;
    }

    @Activate
    void activate() {
        open(ProfileLoader.standard());
    }

    public void open(ProfileLoader loader) {
        bridges = new BridgeRegistry(clock);
        scheduler = new WallClockPollScheduler(clock, "gridprint-modbus-timer");
        profiles = loader;
    }

    @Deactivate
    public void close() {
        scheduler.close();
        bridges.close();
    }

    public BridgeRegistry bridges() {
        return bridges;
    }

    public ProfileLoader profiles() {
        return profiles;
    }

    public void setMeterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
    }

    /**
     * Makes the device of a parsed configuration, on its bridge, scheduled by the shared scheduler. A device id
     * already used by another configuration gives a device refused with an error naming both PIDs.
     */
    public ModbusDevice device(ParsedConfig parsed, Supplier<IngestService> ingest, AlarmSink alarms) {
        ModbusDevice device;
        if (parsed instanceof ParsedConfig.Valid valid) {
            var s = valid.settings();
            var bridge = s.implicitBridge() != null ? bridges.implicitTcp(s.implicitBridge()) : bridges.bridge(s.bridge());
            device = new ModbusDevice(parsed, clock, ingest, alarms, x -> new BridgeReader(bridge, s.unitId()),
                    bridge.executor(), scheduler, () -> meterRegistry, null);
        } else {
            device = new ModbusDevice(parsed, clock, ingest, alarms, x -> null, Runnable::run, scheduler, null, null);
        }
        String owner;
        synchronized (this) {
            owner = deviceOwners.putIfAbsent(parsed.deviceId(), parsed.pid());
            if (owner == null || owner.equals(parsed.pid())) {
                deviceOwners.put(parsed.deviceId(), parsed.pid());
                devices.put(parsed.deviceId(), device);
                owner = null;
            }
        }
        if (owner != null) {
            device.refuse(parsed.pid() + ": id = \"" + parsed.deviceId() + "\": already used by device configuration "
                    + owner + ": expected a device id unique across files");
        }
        return device;
    }

    /** Forgets a device (its configuration was removed or changed). */
    public synchronized void release(ModbusDevice device) {
        var id = device.id();
        if (devices.get(id) == device) {
            devices.remove(id);
            deviceOwners.remove(id);
        }
    }

    public synchronized List<ModbusDevice> devices() {
        return new ArrayList<>(devices.values());
    }
}
