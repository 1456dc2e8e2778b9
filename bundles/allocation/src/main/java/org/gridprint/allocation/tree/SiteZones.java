package org.gridprint.allocation.tree;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site's time zone as its carbon site configuration (factory PID {@value #SITE_PID}, field {@code timeZone}) states
 * it, read through Config Admin; UTC when the site has none or Config Admin is away.
 */
public final class SiteZones {

    public static final String SITE_PID = "org.gridprint.carbon.site";
    private static final Logger LOG = LoggerFactory.getLogger(SiteZones.class);

    private SiteZones() {
    }

    public static ZoneId zone(ConfigurationAdmin admin, String siteId) {
        if (admin == null || siteId == null || siteId.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            var configs = admin.listConfigurations("(service.factoryPid=" + SITE_PID + ")");
            if (configs == null) {
                return ZoneOffset.UTC;
            }
            for (var c : configs) {
                var props = c.getProperties();
                if (props != null && siteId.equals(String.valueOf(props.get("id")).trim())) {
                    var tz = props.get("timeZone");
                    if (tz == null || tz.toString().isBlank()) {
                        return ZoneOffset.UTC;
                    }
                    try {
                        return ZoneId.of(tz.toString().trim());
                    } catch (DateTimeException e) {
                        // the carbon bundle reports the bad field; periods fall back to UTC here
                        LOG.debug("site {}: time zone '{}' not usable, UTC used", siteId, tz);
                        return ZoneOffset.UTC;
                    }
                }
            }
        } catch (java.io.IOException | InvalidSyntaxException e) {
            LOG.debug("site {}: configurations not readable ({}), UTC used", siteId, e.toString());
        }
        return ZoneOffset.UTC;
    }
}
