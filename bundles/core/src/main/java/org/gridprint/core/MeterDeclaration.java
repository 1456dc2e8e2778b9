package org.gridprint.core;

import java.util.Objects;

import org.gridprint.api.Meter;

/**
 * A validated meter configuration, registered as a service by {@link MeterConfigImpl} and collected by
 * {@link MeterRegistryImpl}. Internal to this bundle.
 *
 * @param meter  the meter as declared
 * @param origin where it was declared, for messages: the PID and, if known, the file
 *               ({@code org.gridprint.meter~ahu2 (org.gridprint.meter-ahu2.cfg)})
 * @param pid    the configuration's PID, empty if not from a configuration; a new declaration of the same
 *               non-empty PID and meter id replaces the earlier one in place (an edited configuration)
 */
public record MeterDeclaration(Meter meter, String origin, String pid) {

    public MeterDeclaration {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(pid, "pid");
    }

    /** Not from a configuration (hand wiring): never replaces another declaration. */
    public MeterDeclaration(Meter meter, String origin) {
        this(meter, origin, "");
    }

    /** Whether this is a new version of {@code other}: the same configuration declaring the same meter id. */
    boolean supersedes(MeterDeclaration other) {
        return !pid.isEmpty() && pid.equals(other.pid) && meter.id().equals(other.meter.id());
    }
}
