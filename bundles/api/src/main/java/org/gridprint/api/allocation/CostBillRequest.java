package org.gridprint.api.allocation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A cost-recovery bill run: every target of {@code dimension} (or one) at a site over {@code [from, to)}, days in the
 * tariff's (the site's) time zone.
 *
 * @param dimension {@code department}, {@code tenant} or another dimension the site's allocation rules use
 * @param target    one target only, empty: every target the allocation gives (including {@code (unallocated)})
 * @param tariffId  the tariff to apply, empty: the site's only tariff
 */
public record CostBillRequest(String siteId, String dimension, LocalDate from, LocalDate to, String target,
        String tariffId) {

    public CostBillRequest {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        target = target == null ? "" : target;
        tariffId = tariffId == null ? "" : tariffId;
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("bill period must end after it starts: " + from + " .. " + to);
        }
    }
}
