package org.gridprint.api.carbon;

import java.util.Optional;

/**
 * Where a site is, for the intensity providers: region codes per provider kind and/or coordinates.
 *
 * @param egridSubregion eGRID subregion acronym (e.g. {@code CAMX}), empty if none
 * @param state          US state (e.g. {@code CA}), empty if none
 * @param country        ISO 3166-1 alpha-2, empty if unknown
 * @param zone           Electricity Maps zone (e.g. {@code GB}, {@code US-CAL-CISO}), empty if none
 * @param wattTimeRegion WattTime region (e.g. {@code CAISO_NORTH}), empty if none
 * @param ukRegionId     UK Carbon Intensity region id 1..17, empty if none
 * @since 1.2.0
 */
public record SiteLocation(String siteId, String egridSubregion, String state, String country, String zone,
        String wattTimeRegion, Optional<Integer> ukRegionId, Optional<Double> latitude, Optional<Double> longitude) {
    public SiteLocation {
        egridSubregion = egridSubregion == null ? "" : egridSubregion;
        state = state == null ? "" : state;
        country = country == null ? "" : country;
        zone = zone == null ? "" : zone;
        wattTimeRegion = wattTimeRegion == null ? "" : wattTimeRegion;
        ukRegionId = ukRegionId == null ? Optional.empty() : ukRegionId;
        latitude = latitude == null ? Optional.empty() : latitude;
        longitude = longitude == null ? Optional.empty() : longitude;
    }
}
