package org.gridprint.allocation.datacenter;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The time zone of a carbon site: the {@code timeZone} of the {@code org.gridprint.carbon.site} configuration whose
 * {@code id} is the site, read through Config Admin (the carbon bundle keeps its site package private); UTC when
 * there is none or it is not a zone.
 */
final class SiteZones {

    static final String SITE_PID = "org.gridprint.carbon.site";

    private SiteZones() {
    }

    static ZoneId zone(DataCenterDefinition dc, ConfigurationAdmin configAdmin) {
        if (dc.zone().isPresent()) {
            return dc.zone().get();
        }
        return carbonSiteZone(dc.siteId(), configAdmin).orElse(ZoneId.of("UTC"));
    }

    static Optional<ZoneId> carbonSiteZone(String siteId, ConfigurationAdmin configAdmin) {
        if (configAdmin == null) {
            return Optional.empty();
        }
        try {
            var configs = configAdmin.listConfigurations("(service.factoryPid=" + SITE_PID + ")");
            if (configs == null) {
                return Optional.empty();
            }
            for (var c : configs) {
                var props = c.getProperties();
                if (props != null && siteId.equals(String.valueOf(props.get("id")).trim())) {
                    var z = props.get("timeZone");
                    if (z == null || String.valueOf(z).isBlank()) {
                        return Optional.empty();
                    }
                    return Optional.of(ZoneId.of(String.valueOf(z).trim()));
                }
            }
        } catch (IOException | InvalidSyntaxException | DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
