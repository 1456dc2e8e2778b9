package org.gridprint.core;

import org.gridprint.api.Meter;

/**
 * A validated meter configuration, registered as a service by {@link MeterConfigImpl} and collected by
 * {@link MeterRegistryImpl}. Internal to this bundle.
 *
 * @param meter  the meter as declared
 * @param origin where it was declared, for messages: the PID and, if known, the file
 *               ({@code org.gridprint.meter~ahu2 (org.gridprint.meter-ahu2.cfg)})
 */
public record MeterDeclaration(Meter meter, String origin) {

    public MeterDeclaration {
        java.util.Objects.requireNonNull(meter, "meter");
        java.util.Objects.requireNonNull(origin, "origin");
    }
}
