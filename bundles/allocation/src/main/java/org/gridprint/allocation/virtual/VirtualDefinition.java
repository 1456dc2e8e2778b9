package org.gridprint.allocation.virtual;

import java.util.Objects;

import org.gridprint.api.Quantity;

/**
 * One virtual meter as configured (before its formula and inputs are checked against the other meters).
 *
 * @param origin where it was configured, for messages: PID and file
 * @param catchUpHours how far back its windows are computed when the service starts
 */
public record VirtualDefinition(String id, String siteId, Quantity quantity, String formula, int catchUpHours,
        String origin) {

    public VirtualDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(formula, "formula");
        origin = origin == null ? "" : origin;
    }
}
