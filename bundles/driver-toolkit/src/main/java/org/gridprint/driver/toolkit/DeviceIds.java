package org.gridprint.driver.toolkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.device.Device;

/**
 * The device ids a driver's configurations use: a second configuration (PID) with an id already used by another is
 * refused, naming both PIDs. The same PID may claim its id again (a changed configuration). Thread-safe.
 */
public final class DeviceIds<D extends Device> {

    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, D> devices = new HashMap<>();

    /**
     * Claims {@code deviceId} for {@code pid} and its device.
     *
     * @return null when claimed; else the error to refuse the device with (naming both PIDs)
     */
    public String claim(String deviceId, String pid, D device) {
        String owner;
        synchronized (this) {
            owner = owners.putIfAbsent(deviceId, pid);
            if (owner == null || owner.equals(pid)) {
                owners.put(deviceId, pid);
                devices.put(deviceId, device);
                return null;
            }
        }
        return pid + ": id = \"" + deviceId + "\": already used by device configuration " + owner
                + ": expected a device id unique across files";
    }

    /** Forgets a device (its configuration was removed or changed), if it is the one holding its id. */
    public synchronized void release(D device) {
        var id = device.id();
        if (devices.get(id) == device) {
            devices.remove(id);
            owners.remove(id);
        }
    }

    /** The devices holding their ids, in no particular order. */
    public synchronized List<D> all() {
        return new ArrayList<>(devices.values());
    }
}
