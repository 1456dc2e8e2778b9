package org.gridprint.driver.bacnet.config;

/** A parsed device configuration: usable settings, or the errors that make it unusable. */
public sealed interface ParsedDevice {

    String pid();

    String deviceId();

    record Valid(DeviceSettings settings) implements ParsedDevice {
        @Override
        public String pid() {
            return settings.pid();
        }

        @Override
        public String deviceId() {
            return settings.id();
        }
    }

    record Invalid(String pid, String deviceId, String message) implements ParsedDevice {
    }
}
