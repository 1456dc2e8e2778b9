package org.gridprint.api.allocation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Allocate a site's energy and both Scope 2 methods over {@code [from, to)} to the values of one dimension.
 *
 * @param siteId      the site
 * @param dimension   {@code department}, {@code tenant} or another tag key the site's rules allocate by
 * @param from        period start (a window boundary; reporting periods are cut in {@code zone})
 * @param to          period end (exclusive)
 * @param zone        the site's time zone (months and time-of-use are cut in it)
 * @param recalculate false: a period already allocated keeps the rule version it was computed with; true: computed
 *                    again with the current rule version and stored as a new version with {@code reason}
 * @param reason      why (required when {@code recalculate})
 */
public record AllocationRequest(String siteId, String dimension, Instant from, Instant to, ZoneId zone,
        boolean recalculate, String reason) {

    public AllocationRequest {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        reason = reason == null ? "" : reason;
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("allocation period must end after it starts: " + from + " .. " + to);
        }
    }
}
