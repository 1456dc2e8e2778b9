package org.gridprint.driver.modbus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.driver.ModbusCommissioning;
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

/**
 * What the Modbus devices and bridges of this bundle share: the bridges by id, the poll scheduler, the profile
 * loader, the device ids in use (a second file with the same device id is refused, naming both PIDs) and the meter
 * registry for the undeclared-meter check. One instance; the device and bridge components reference it.
 */
@Component(service = {ModbusDriver.class, ModbusCommissioning.class}, immediate = true)
public class ModbusDriver implements ModbusCommissioning {

    private final Clock clock;
    private BridgeRegistry bridges;
    private WallClockPollScheduler scheduler;
    private ProfileLoader profiles;
    private final DeviceIds<ModbusDevice> devices = new DeviceIds<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MeterRegistry meterRegistry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.osgi.service.event.EventAdmin eventAdmin;

    /** Posts a bridge's alarm on EventAdmin (when present); never throws. */
    private void post(org.gridprint.api.Alarm alarm) {
        // EventAdmin going away: the alarm is logged by the toolkit already
        AlarmEvents.post(eventAdmin, alarm);
    }

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
        bridges = new BridgeRegistry(clock, this::post);
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
        var refusal = devices.claim(parsed.deviceId(), parsed.pid(), device);
        if (refusal != null) {
            device.refuse(refusal);
        }
        return device;
    }

    /** Forgets a device (its configuration was removed or changed). */
    public void release(ModbusDevice device) {
        devices.release(device);
    }

    public List<ModbusDevice> devices() {
        return devices.all();
    }

    @Override
    public List<BridgeStatus> bridgeStatus() {
        var byBridge = new HashMap<String, List<String>>();
        for (var d : devices()) {
            d.settings().ifPresent(s -> byBridge.computeIfAbsent(s.bridge(), k -> new ArrayList<>()).add(d.id()));
        }
        var out = new ArrayList<BridgeStatus>();
        for (var b : bridges.all()) {
            var s = b.settings();
            out.add(new BridgeStatus(b.id(), s == null ? "-" : s.endpoint(), s != null, b.connected(), b.health(),
                    byBridge.getOrDefault(b.id(), List.of()).stream().sorted().toList()));
        }
        out.sort(java.util.Comparator.comparing(BridgeStatus::id));
        return out;
    }

    @Override
    public List<DeviceStatus> deviceStatus() {
        var out = new ArrayList<DeviceStatus>();
        for (var d : devices()) {
            var s = d.settings().orElse(null);
            out.add(new DeviceStatus(d.id(), s == null ? "-" : s.bridge(), s == null ? 0 : s.unitId(),
                    s == null || s.profile() == null ? "-" : s.profile(), s == null ? 0 : s.entries().size(),
                    s == null ? 0 : d.requestsPerCycle(), d.stats(),
                    d.badPoints().stream().map(ModbusDevice.BadPoint::describe).toList(), d.activeAlarms()));
        }
        out.sort(java.util.Comparator.comparing(DeviceStatus::id));
        return out;
    }

    private Bridge existing(String bridgeId) {
        var b = bridges.all().stream().filter(x -> x.id().equals(bridgeId)).findFirst().orElse(null);
        if (b == null || b.settings() == null) {
            throw new IllegalArgumentException("bridge = \"" + bridgeId + "\": no such bridge: expected one of "
                    + String.join(", ", bridges.all().stream().filter(x -> x.settings() != null).map(Bridge::id)
                            .sorted().toList()));
        }
        return b;
    }

    private static RegisterFunction function(String text) {
        return RegisterFunction.parse(text).orElseThrow(() -> new IllegalArgumentException("function = \"" + text
                + "\": expected one of " + RegisterFunction.names()));
    }

    private static void unit(int unitId) {
        if (unitId < 1 || unitId > 247) {
            throw new IllegalArgumentException("unit = " + unitId + ": expected 1..247");
        }
    }

    @Override
    public List<Value> read(String bridgeId, int unitId, String functionText, int address, int count, String typeText,
            String orderText) throws Exception {
        var b = existing(bridgeId);
        unit(unitId);
        var function = function(functionText);
        var type = function.bits() ? DataType.BOOL : DataType.parse(typeText).orElseThrow(() ->
                new IllegalArgumentException("type = \"" + typeText + "\": expected one of " + DataType.names()));
        var order = WordOrder.parse(orderText).orElseThrow(() -> new IllegalArgumentException("order = \"" + orderText
                + "\": expected one of " + WordOrder.names()));
        int width = function.bits() ? 1 : type.registers();
        if (count < 1 || count * width > function.maxPerRequest() || address < 0 || address + count * width > 65536) {
            throw new IllegalArgumentException("count = " + count + ": expected 1.." + function.maxPerRequest() / width
                    + " values of " + type.configName() + " within addresses 0..65535");
        }
        long timeout = b.settings().timeout().toMillis() + 5_000;
        var words = b.call(() -> b.read(unitId, function, address, count * width), timeout);
        var out = new ArrayList<Value>();
        for (int i = 0; i < count; i++) {
            int at = address + i * width;
            var raw = new StringBuilder();
            for (int w = 0; w < width; w++) {
                raw.append(w == 0 ? "" : " ").append(function.bits() ? String.valueOf(words[i * width + w])
                        : String.format("%04X", words[i * width + w]));
            }
            double v = function.bits() ? words[i] : RegisterDecoder.decode(words, i * width, type, order);
            var decoded = type == DataType.INT64 || type == DataType.UINT64 ? exact(words, i * width, type, order)
                    : (v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v));
            out.add(new Value(at, raw.toString(), decoded));
        }
        return out;
    }

    private static String exact(int[] words, int offset, DataType type, WordOrder order) {
        var e = new RegisterEntry(0, "m", org.gridprint.api.Quantity.ACTIVE_ENERGY_IMPORT, offset,
                RegisterFunction.HOLDING, type, order, 1, org.gridprint.api.Unit.KWH);
        var block = new ReadBlock(RegisterFunction.HOLDING, 0, words.length, List.of(e));
        return java.math.BigDecimal.valueOf(RegisterDecoder.value(e, block, words)).toPlainString();
    }

    @Override
    public List<String> scan(String bridgeId, int from, int to, String functionText, int address) throws Exception {
        var b = existing(bridgeId);
        unit(from);
        unit(to);
        if (to < from) {
            throw new IllegalArgumentException("from " + from + " to " + to + ": expected from <= to");
        }
        var function = function(functionText);
        var out = new ArrayList<String>();
        long timeout = b.settings().timeout().toMillis() + 5_000;
        for (int unit = from; unit <= to && !Thread.currentThread().isInterrupted(); unit++) {
            final int u = unit;
            try {
                b.call(() -> b.read(u, function, address, 1), timeout);
                out.add(u + ": answers");
            } catch (ReadFailure f) {
                if (f.kind() == ReadFailure.Kind.MODBUS_EXCEPTION && f.deviceDown()) {
                    continue; // 0A/0B: the gateway answered that the unit did not: it is not there
                } else if (f.kind() == ReadFailure.Kind.MODBUS_EXCEPTION) {
                    out.add(u + ": answers with exception " + ModbusText.exception(f.exceptionCode()));
                } else if (f.kind() == ReadFailure.Kind.BAD_RESPONSE) {
                    out.add(u + ": garbled answer (" + f.getMessage() + ")");
                } else if (f.kind() != ReadFailure.Kind.TIMEOUT) {
                    throw f;
                }
            }
        }
        return out;
    }
}
