package org.gridprint.allocation.tariff;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A site's time zone as its carbon site configuration ({@code org.gridprint.carbon.site}, field {@code timeZone},
 * default UTC) declares it, read through Config Admin (the carbon bundle keeps its site service private).
 */
public final class SiteZones {

    static final String SITE_PID = "org.gridprint.carbon.site";

    private SiteZones() {
    }

    /** The zone of {@code siteId}, empty when no site configuration has that id (or Config Admin is absent). */
    public static Optional<ZoneId> zone(ConfigurationAdmin configAdmin, String siteId) {
        if (configAdmin == null) {
            return Optional.empty();
        }
        try {
            var configs = configAdmin.listConfigurations("(service.factoryPid=" + SITE_PID + ")");
            if (configs == null) {
                return Optional.empty();
            }
            for (var c : configs) {
                var p = c.getProperties();
                if (p != null && siteId.equals(TariffParser.text(p.get("id")))) {
                    var z = TariffParser.text(p.get("timeZone"));
                    try {
                        return Optional.of(z.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(z));
                    } catch (DateTimeException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | InvalidSyntaxException e) {
            return Optional.empty();
        }
    }
}
