package org.gridprint.driver.modbus;

import java.util.List;

/** The outcome of parsing one device configuration. */
public sealed interface ParsedConfig {

    /** The device id (or, when the id itself is bad, a name derived from the PID). */
    String deviceId();

    String pid();

    /** Usable configuration. */
    record Valid(DeviceSettings settings) implements ParsedConfig {
        @Override
        public String deviceId() {
            return settings.id();
        }

        @Override
        public String pid() {
            return settings.pid();
        }
    }

    /** Unusable configuration; every problem found, each naming PID, field, value and what was expected. */
    record Invalid(String pid, String deviceId, List<String> errors) implements ParsedConfig {
        public Invalid {
            errors = List.copyOf(errors);
        }

        /** All errors in one line, for the device health and the alarm. */
        public String message() {
            return String.join("; ", errors);
        }
    }
}
