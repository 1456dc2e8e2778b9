package org.gridprint.driver.modbus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridges of this driver by id. A bridge object is created when first named (by its configuration or by a
 * device) and lives until {@link #close()}: devices keep their reference while its configuration comes, changes
 * or goes. Implicit TCP bridges ({@code tcp:host:port}) are made from devices configured with host and port, so
 * devices naming the same gateway share one connection.
 */
public final class BridgeRegistry implements AutoCloseable {

    private final Clock clock;
    private final AlarmSink alarms;
    private final Map<String, Bridge> bridges = new HashMap<>();
    /** bridge id -> PID of the configuration that defines it. */
    private final Map<String, String> owners = new HashMap<>();

    public BridgeRegistry(Clock clock) {
        this(clock, AlarmSink.NONE);
    }

    public BridgeRegistry(Clock clock, AlarmSink alarms) {
        this.clock = clock;
        this.alarms = alarms;
    }

    /** The bridge with this id (created, not configured, if new). */
    public synchronized Bridge bridge(String id) {
        return bridges.computeIfAbsent(id, k -> new Bridge(k, clock, alarms));
    }

    /**
     * Applies a bridge configuration. Returns null, or an error when another configuration already defines the id
     * (naming both PIDs).
     */
    public synchronized String define(BridgeSettings settings) {
        var owner = owners.get(settings.id());
        if (owner != null && !owner.equals(settings.pid())) {
            return settings.pid() + ": id = \"" + settings.id() + "\": already used by bridge configuration " + owner
                    + ": expected a bridge id unique across files";
        }
        owners.put(settings.id(), settings.pid());
        bridge(settings.id()).configure(settings);
        return null;
    }

    /** Removes a configuration (only the owner's removal counts). */
    public synchronized void undefine(String id, String pid) {
        if (pid.equals(owners.get(id))) {
            owners.remove(id);
            var b = bridges.get(id);
            if (b != null) {
                b.unconfigure();
            }
        }
    }

    /** The implicit TCP bridge for a device's host and port (configured on first use). */
    public synchronized Bridge implicitTcp(BridgeSettings settings) {
        var b = bridge(settings.id());
        if (b.settings() == null) {
            b.configure(settings);
        }
        return b;
    }

    public synchronized List<Bridge> all() {
        return new ArrayList<>(bridges.values());
    }

    @Override
    public synchronized void close() {
        for (var b : bridges.values()) {
            b.close();
        }
        bridges.clear();
        owners.clear();
    }
}
