package org.gridprint.allocation.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a rule finds each target's part of its pool. */
public enum RuleMethod {
    /** Each pool meter's windows go wholly to the meter's value of the dimension (department, tenant, tag). */
    SUBMETER(""),
    /** Fixed shares ({@code shares = Finance:40, Operations:60}). */
    FIXED("shares"),
    /** Floor area ({@code area = Finance:1200, Operations:1800}, m2). */
    AREA("area"),
    /** Headcount ({@code headcount = Finance:12, Operations:30}). */
    HEADCOUNT("headcount"),
    /** Occupied people-time per window ({@code occupancy = Finance:40 Mon-Fri 07:00-19:00}) in the site's zone. */
    OCCUPANCY("occupancy"),
    /** Per-window deltas of each target's RUNTIME hour counters ({@code runtime = Finance:demo/hq/fcu-3}). */
    RUNTIME("runtime"),
    /** Per-window deltas of each target's THERMAL_ENERGY (BTU) meters ({@code thermal = Finance:demo/hq/btu-3}). */
    THERMAL("thermal");

    private final String keyField;

    RuleMethod(String keyField) {
        this.keyField = keyField;
    }

    /** The configuration field holding the method's keys; empty for SUBMETER. */
    public String keyField() {
        return keyField;
    }

    /** Lower-case name as written in configurations. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RuleMethod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var t = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.name().equals(t)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(RuleMethod::configName).collect(Collectors.joining(" | "));
    }
}
