package org.gridprint.allocation.audit;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.Topics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@value #FACTORY_PID} configuration: checked (each error names the PID, the field, the value and what is
 * expected; logged and raised as CONFIG_ERROR, the site keeps the defaults) and offered as an {@link AuditSettings}
 * service.
 */
@Component(configurationPid = AuditConfigImpl.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = AuditConfig.class, factory = true)
public class AuditConfigImpl {

    public static final String FACTORY_PID = "org.gridprint.allocation.audit";
    private static final Logger LOG = LoggerFactory.getLogger(AuditConfigImpl.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    private BundleContext context;
    private ServiceRegistration<AuditSettings> registration;

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        this.context = bundleContext;
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    @Deactivate
    synchronized void deactivate() {
        unregister();
    }

    private synchronized void apply(Map<String, Object> properties) {
        unregister();
        try {
            var settings = check(properties);
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("site", settings.siteId());
            registration = context.registerService(AuditSettings.class, settings, p);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            var ea = eventAdmin;
            if (ea != null) {
                var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, e.getMessage(), Instant.now()).withSource(FACTORY_PID);
                ea.postEvent(new Event(Topics.alarm(AlarmKind.CONFIG_ERROR), alarm.toEventProperties()));
            }
        }
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone with the bundle
            }
            registration = null;
        }
    }

    /**
     * Checks the raw properties of one configuration. Pure.
     *
     * @throws IllegalArgumentException every error in one message
     */
    public static AuditSettings check(Map<String, ?> properties) {
        var pid = properties.get("service.pid");
        var file = properties.get("felix.fileinstall.filename");
        var origin = (pid == null ? FACTORY_PID : pid.toString())
                + (file == null ? "" : " (" + file.toString().replaceAll(".*[/\\\\]", "") + ")");
        var errors = new ArrayList<String>();
        var site = text(properties, "site");
        if (site.isEmpty()) {
            errors.add("field 'site' = ''; expected the site id these thresholds apply to");
        }
        var threshold = decimal(properties, "thresholdPercent", AuditSettings.DEFAULT_THRESHOLD_PERCENT, errors,
                "a number of percent >= 0, e.g. 5 or 2.5");
        var minKwh = decimal(properties, "minKwh", AuditSettings.DEFAULT_MIN_KWH, errors,
                "a number of kWh >= 0, e.g. 0.5");
        int windows = AuditSettings.DEFAULT_WINDOWS_TO_RAISE;
        var rawWindows = text(properties, "windowsToRaise");
        if (!rawWindows.isEmpty()) {
            try {
                windows = Integer.parseInt(rawWindows);
                if (windows < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add("field 'windowsToRaise' = '" + rawWindows + "'; expected a whole number >= 1");
            }
        }
        Optional<ZoneId> zone = Optional.empty();
        var rawZone = text(properties, "timeZone");
        if (!rawZone.isEmpty()) {
            try {
                zone = Optional.of(ZoneId.of(rawZone));
            } catch (DateTimeException e) {
                errors.add("field 'timeZone' = '" + rawZone + "'; expected an IANA zone id (Europe/Berlin,"
                        + " America/New_York) or UTC, or empty for the site's own");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("audit configuration " + origin + " is ignored until fixed (the site"
                    + " keeps the default thresholds): " + String.join("; ", errors));
        }
        return new AuditSettings(site, threshold, minKwh, windows, zone, origin);
    }

    private static BigDecimal decimal(Map<String, ?> properties, String key, BigDecimal dflt,
            java.util.List<String> errors, String expected) {
        var raw = text(properties, key);
        if (raw.isEmpty()) {
            return dflt;
        }
        try {
            var v = new BigDecimal(raw);
            if (v.signum() < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add("field '" + key + "' = '" + raw + "'; expected " + expected);
            return dflt;
        }
    }

    private static String text(Map<String, ?> properties, String key) {
        var v = properties.get(key);
        return v == null ? "" : v.toString().trim();
    }
}
