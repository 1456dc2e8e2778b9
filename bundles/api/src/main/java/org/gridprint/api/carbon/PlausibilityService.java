package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.gridprint.api.store.WindowQuery;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Operator decisions on SUSPECT windows: accept (counted again, flagged ACCEPTED) or correct (a new amount, flagged
 * CORRECTED); both write a new window version with the operator's reason.
 *
 * @since 1.2.0
 */
@ProviderType
public interface PlausibilityService {

    /** Windows flagged SUSPECT_SPIKE and not yet accepted. */
    List<EmissionWindow> suspects(WindowQuery query);

    EmissionWindow accept(WindowKey key, String reason);

    /** Replaces the window's amount (canonical unit) and reprices it with its factor. */
    EmissionWindow correct(WindowKey key, BigDecimal amount, String reason);
}
