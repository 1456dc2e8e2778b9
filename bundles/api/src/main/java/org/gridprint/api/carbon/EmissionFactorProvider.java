package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.Optional;

/** Supplies the factor that applies to a site at a time, for a method. */
public interface EmissionFactorProvider {

    Optional<EmissionFactor> factor(String siteId, AccountingMethod method, Instant at);
}
