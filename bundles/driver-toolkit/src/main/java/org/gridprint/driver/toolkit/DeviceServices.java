package org.gridprint.driver.toolkit;

import java.util.Hashtable;

import org.gridprint.api.device.Device;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registering a driver's device as a {@link Device} service, as every driver's device component does: with
 * {@link Device#PROPERTY_DEVICE_ID}, {@code gridprint.driver} and a {@code service.description}; also for a device
 * whose configuration is bad (state CONFIG_ERROR), so operators see it.
 */
public final class DeviceServices {

    private DeviceServices() {
    }

    /**
     * @param driver      the driver name ({@code gridprint.driver}), e.g. {@code modbus}
     * @param description the {@code service.description}, e.g. {@code Modbus device panel-3}
     */
    public static ServiceRegistration<Device> register(BundleContext context, Device device, String driver,
            String description) {
        var props = new Hashtable<String, Object>();
        props.put(Device.PROPERTY_DEVICE_ID, device.id());
        props.put("gridprint.driver", driver);
        props.put("service.description", description);
        return context.registerService(Device.class, device, props);
    }

    /** Unregisters, ignoring a registration already gone with its bundle. Null is ignored. */
    public static void unregister(ServiceRegistration<?> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException ignored) {
            // already gone with the bundle
        }
    }
}
