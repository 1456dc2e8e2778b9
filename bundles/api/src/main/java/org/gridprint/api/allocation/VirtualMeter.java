package org.gridprint.api.allocation;

import java.util.List;
import java.util.Objects;

import org.gridprint.api.Quantity;

/**
 * A virtual meter as configured (factory PID {@code org.gridprint.allocation.virtual}) and checked.
 *
 * @param id       its meter id (windows are stored under it, flagged VIRTUAL)
 * @param siteId   its site
 * @param quantity the quantity of its windows and of every input (canonical units must agree)
 * @param formula  the formula as configured, e.g. {@code hq/main - hq/ahu-1 - hq/lighting}
 * @param inputs   the meter ids the formula reads, sorted
 * @param error    empty when usable; else why it is refused (a parse error with its column, a cycle, an unknown
 *                 meter) and nothing is computed for it
 */
public record VirtualMeter(String id, String siteId, Quantity quantity, String formula, List<String> inputs,
        String error) {

    public VirtualMeter {
        Objects.requireNonNull(id, "id");
        siteId = siteId == null ? "" : siteId;
        Objects.requireNonNull(quantity, "quantity");
        formula = formula == null ? "" : formula;
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        error = error == null ? "" : error;
    }

    public boolean usable() {
        return error.isEmpty();
    }
}
