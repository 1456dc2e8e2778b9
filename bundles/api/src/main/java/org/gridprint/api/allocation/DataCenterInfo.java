package org.gridprint.api.allocation;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A configured data center as the statement service sees it.
 *
 * @param id             its configuration's id
 * @param siteId         the site whose windows it splits
 * @param zone           the time zone statement periods are cut in
 * @param tenants        its tenants, sorted
 * @param facilityMeters the meters of the total facility energy (utility mains)
 * @param error          the configuration error that keeps it from working (naming PID, field, value and what is
 *                       expected), empty when it works
 * @since 1.0.0
 */
public record DataCenterInfo(String id, String siteId, ZoneId zone, List<String> tenants, List<String> facilityMeters,
        String error) {

    public DataCenterInfo {
        Objects.requireNonNull(id, "id");
        siteId = siteId == null ? "" : siteId;
        Objects.requireNonNull(zone, "zone");
        tenants = List.copyOf(tenants);
        facilityMeters = List.copyOf(facilityMeters);
        error = error == null ? "" : error;
    }
}
