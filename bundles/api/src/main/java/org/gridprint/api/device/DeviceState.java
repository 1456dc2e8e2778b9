package org.gridprint.api.device;

/** Health of a field device as its driver sees it. */
public enum DeviceState {
    /** Configured, not yet polled. */
    STARTING,
    /** Last poll succeeded. */
    ONLINE,
    /** Last poll failed (timeout, refused, protocol exception); retried on the next cycle. */
    ERROR,
    /** The configuration cannot be used; nothing is polled until it is fixed. */
    CONFIG_ERROR,
    /** Stopped by the operator or deactivated. */
    DISABLED
}
