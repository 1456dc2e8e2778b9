package org.gridprint.api.store;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;

/**
 * Which windows: those whose start lies in {@code [from, to)}, of the given meters (empty: all), site (empty: all),
 * scope and method (empty: all). Current versions only.
 *
 * @since 1.2.0
 */
public record WindowQuery(Instant from, Instant to, Set<String> meterIds, String siteId, Optional<Scope> scope,
        Optional<AccountingMethod> method) {
    public WindowQuery {
        meterIds = meterIds == null ? Set.of() : Set.copyOf(meterIds);
        siteId = siteId == null ? "" : siteId;
        scope = scope == null ? Optional.empty() : scope;
        method = method == null ? Optional.empty() : method;
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("window query must end after it starts: " + from + " .. " + to);
        }
    }

    public static WindowQuery of(Instant from, Instant to) {
        return new WindowQuery(from, to, Set.of(), "", Optional.empty(), Optional.empty());
    }
}
