package org.gridprint.api.device;

/**
 * A field device served by a driver. Drivers register one service per configured device, also when its
 * configuration is bad (state CONFIG_ERROR), so operators see every device and why it is down.
 */
public interface Device {

    /** Service property carrying the device id. */
    String PROPERTY_DEVICE_ID = "gridprint.device.id";

    String id();

    DeviceHealth health();
}
