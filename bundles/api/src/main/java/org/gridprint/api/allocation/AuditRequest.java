package org.gridprint.api.allocation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Audit the days {@code [from, to)} (each site's own time zone) of one site or, with an empty {@code siteId}, of
 * every site.
 */
public record AuditRequest(String siteId, LocalDate from, LocalDate to) {

    public AuditRequest {
        siteId = siteId == null ? "" : siteId;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("audit period must end after it starts: " + from + " .. " + to);
        }
    }
}
