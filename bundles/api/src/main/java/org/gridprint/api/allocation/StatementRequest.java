package org.gridprint.api.allocation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A tenant statement for the days {@code [from, to)} cut in the data center's (site's) time zone, e.g. the month
 * 2026-11 is {@code from = 2026-11-01, to = 2026-12-01}.
 *
 * @param dataCenter the data center's id (its configuration's {@code id}); empty: the only one configured, or the one
 *                   whose site is {@code dataCenter}
 * @param tenant     the tenant; empty: every tenant of the data center (no per-window lines)
 * @since 1.0.0
 */
public record StatementRequest(String dataCenter, String tenant, LocalDate from, LocalDate to) {

    public StatementRequest {
        dataCenter = dataCenter == null ? "" : dataCenter.trim();
        tenant = tenant == null ? "" : tenant.trim();
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("statement period must end after it starts: " + from + " .. " + to
                    + " (to is the day after the last day)");
        }
    }
}
