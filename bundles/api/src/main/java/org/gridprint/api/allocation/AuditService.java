package org.gridprint.api.allocation;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The differential audit: every parent meter against the sum of its submeters, per window and per period (unmetered
 * kWh and %, a negative remainder as a finding), virtual meters' negative results, and — when utility bills are
 * held — each bill against the site's top-level meters over the bill's days. Raises AlarmKind.UNMETERED_ENERGY once
 * per parent when its windows stay above the site's threshold, and clears it once.
 */
@ProviderType
public interface AuditService {

    /** @throws IllegalArgumentException an unknown site (the message lists the known ones) */
    AuditReport audit(AuditRequest request);

    /**
     * The compared windows of one parent (a meter with submeters or an audited virtual meter) over the request's days,
     * the largest remainders (by size, either sign) first, at most {@code limit}.
     *
     * @throws IllegalArgumentException an unknown site, or a parent that is not audited on it (the message lists them)
     */
    java.util.List<AuditWindow> windows(AuditRequest request, String parent, int limit);
}
