package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The sites' grid-intensity providers, ranked with fallback, and their stored values.
 *
 * @since 1.2.0
 */
@ProviderType
public interface IntensityService {

    /** The providers of a site (all sites if empty), rank order. */
    List<ProviderStatus> providers(String siteId);

    /** Stored values of a site's provider (any provider if null) with starts in {@code [from, to)}. */
    List<IntensityPoint> history(String siteId, String provider, Instant from, Instant to);

    /**
     * The average intensity that prices {@code [start, end)} for a site: the first-ranked provider holding a value
     * covering it, else the next (a gap falls back); the answer names the provider. Reads stored values only.
     */
    Optional<FactorVersion> averageFor(String siteId, Instant start, Instant end);

    /**
     * The resolution of the first-ranked provider's series for the site (5/15/30/60 minutes), if it has one: windows
     * are cut that fine where it is finer than the site's window length.
     */
    Optional<java.time.Duration> resolution(String siteId);

    /** The site's location. */
    Optional<SiteLocation> location(String siteId);

    /** Sets the site's location (ledgered in the register {@code site-location}); errors name the field. */
    SiteLocation setLocation(SiteLocation location);
}
