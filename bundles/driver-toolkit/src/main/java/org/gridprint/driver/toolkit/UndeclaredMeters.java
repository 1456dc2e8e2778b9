package org.gridprint.driver.toolkit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.driver.AlarmConditions;

/**
 * The undeclared-meter check of a device: which of its meters have no meter configuration. While any is missing,
 * one CONFIG_ERROR condition {@code undeclared} names them; it clears once all are declared.
 */
public final class UndeclaredMeters {

    private UndeclaredMeters() {
    }

    /**
     * @param registry the meter registry, or null (nothing is checked)
     * @param pid      the device configuration's PID, named in the alarm
     * @param field    the configuration field that names the meters (e.g. {@code meter})
     * @return the meters not declared, in the device's order (empty when all are, or without a registry)
     */
    public static Set<String> check(MeterRegistry registry, List<String> meterIds, AlarmConditions conditions,
            String pid, String field) {
        if (registry == null) {
            return Set.of();
        }
        var missing = new LinkedHashSet<String>();
        for (var m : meterIds) {
            if (registry.meter(m).isEmpty()) {
                missing.add(m);
            }
        }
        if (missing.isEmpty()) {
            conditions.clear("undeclared");
        } else {
            conditions.raise("undeclared", AlarmKind.CONFIG_ERROR, pid + ": " + field + " = \""
                    + String.join(", ", missing) + "\": not declared: expected a meter configuration "
                    + "(org.gridprint.meter) with that id; its values are read but not submitted until it is declared",
                    List.copyOf(missing));
        }
        return missing;
    }
}
