package org.gridprint.shell.allocation;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/** What {@code gridprint:allocate} reads from Config Admin: the sites' time zones and the rules' sites/dimensions. */
final class AllocateConfigs {

    static final String RULE_PID = "org.gridprint.allocation.rule";
    static final String SITE_PID = "org.gridprint.carbon.site";

    private AllocateConfigs() {
    }

    /** The {@code timeZone} of the site's {@value #SITE_PID} configuration, if there is a usable one. */
    static Optional<ZoneId> siteZone(ConfigurationAdmin cm, String siteId) {
        for (var c : list(cm, SITE_PID)) {
            var p = c.getProperties();
            if (p != null && siteId.equals(String.valueOf(p.get("id")).trim()) && p.get("timeZone") != null) {
                try {
                    return Optional.of(ZoneId.of(String.valueOf(p.get("timeZone")).trim()));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The sites named by allocation rules. */
    static Set<String> ruleSites(ConfigurationAdmin cm) {
        var out = new TreeSet<String>();
        for (var c : list(cm, RULE_PID)) {
            var p = c.getProperties();
            if (p != null && p.get("site") != null && !String.valueOf(p.get("site")).isBlank()) {
                out.add(String.valueOf(p.get("site")).trim());
            }
        }
        return out;
    }

    /** The dimensions of the allocation rules (of one site, or all when {@code siteId} is null). */
    static Set<String> ruleDimensions(ConfigurationAdmin cm, String siteId) {
        var out = new TreeSet<String>();
        for (var c : list(cm, RULE_PID)) {
            var p = c.getProperties();
            if (p == null || (siteId != null && !siteId.equals(String.valueOf(p.get("site")).trim()))) {
                continue;
            }
            var d = p.get("dimension");
            out.add(d == null || String.valueOf(d).isBlank() ? "department" : String.valueOf(d).trim());
        }
        return out;
    }

    private static org.osgi.service.cm.Configuration[] list(ConfigurationAdmin cm, String factoryPid) {
        if (cm == null) {
            return new org.osgi.service.cm.Configuration[0];
        }
        try {
            var cs = cm.listConfigurations("(service.factoryPid=" + factoryPid + ")");
            return cs == null ? new org.osgi.service.cm.Configuration[0] : cs;
        } catch (IOException | InvalidSyntaxException e) {
            return new org.osgi.service.cm.Configuration[0];
        }
    }
}
