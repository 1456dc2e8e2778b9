package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.Objects;

import org.gridprint.api.Quantity;

/**
 * What identifies an emission window: one version of it is current, older ones are history.
 *
 * @since 1.2.0
 */
public record WindowKey(String meterId, Quantity quantity, Scope scope, AccountingMethod method, Instant start) {
    public WindowKey {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(start, "start");
    }
}
