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
}
