package org.gridprint.carbon;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Meter;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionFactorProvider;
import org.gridprint.api.carbon.Scope;

/**
 * The location-based factor of a meter's site: the providers are asked in the order they were bound; the first
 * factor in {@code g CO2e/kWh}, SCOPE_2, LOCATION_BASED wins, others are refused with a reason.
 */
final class SiteFactors {

    static final AccountingMethod METHOD = AccountingMethod.LOCATION_BASED;

    /** A factor, or why there is none. */
    record Lookup(Optional<EmissionFactor> factor, String problem) {
    }

    private final List<EmissionFactorProvider> providers;

    /** @param providers live list (bound providers come and go), iterated per look-up */
    SiteFactors(List<EmissionFactorProvider> providers) {
        this.providers = providers;
    }

    Lookup factorFor(Meter meter, Instant at) {
        if (meter.siteId().isBlank()) {
            return new Lookup(Optional.empty(), "meter '" + meter.id()
                    + "' has no siteId, so no site emission factor applies; no emission records");
        }
        String refused = null;
        for (var provider : providers) {
            Optional<EmissionFactor> factor;
            try {
                factor = provider.factor(meter.siteId(), METHOD, at);
            } catch (RuntimeException e) {
                refused = "factor provider " + provider + " failed: " + e;
                continue;
            }
            if (factor.isEmpty()) {
                continue;
            }
            var f = factor.get();
            if (!SiteSettings.FACTOR_UNIT.equals(f.unit()) || f.scope() != Scope.SCOPE_2 || f.method() != METHOD) {
                refused = "factor provider " + provider + " gave " + f.unit() + " " + f.scope() + " " + f.method()
                        + " for site '" + meter.siteId() + "', expected " + SiteSettings.FACTOR_UNIT + " SCOPE_2 "
                        + METHOD;
                continue;
            }
            return new Lookup(factor, null);
        }
        return new Lookup(Optional.empty(), refused != null ? refused
                : "site '" + meter.siteId() + "' has no location-based emission factor (no valid "
                        + StaticSiteFactorProvider.PID + " configuration with id = " + meter.siteId()
                        + "); no emission records for this meter until there is one");
    }
}
