package org.gridprint.carbon.site;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
 * One {@value #PID} factory configuration, validated. Registered (as this class, bundle-internal) also when the
 * configuration is bad, so {@link SitesImpl} sees the site id; it then holds no {@link Site}, the problem is logged
 * at ERROR and posted as {@code gridprint/alarms/CONFIG_ERROR} (PID, field, value, expectation) and every other site
 * keeps working. A changed configuration re-creates the component.
 */
@Designate(ocd = SiteConfig.class, factory = true)
@Component(name = SiteConfiguration.PID, service = SiteConfiguration.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class SiteConfiguration {

    public static final String PID = "org.gridprint.carbon.site";

    private static final Logger LOG = LoggerFactory.getLogger(SiteConfiguration.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private volatile SiteConfigResult result;

    /** For DS. */
    public SiteConfiguration() {
    }

    /** Plain wiring (tests, tools): from raw properties as DS would give them. */
    public static SiteConfiguration of(Map<String, ?> properties, EventAdmin eventAdmin) {
        var c = new SiteConfiguration();
        c.eventAdmin = eventAdmin;
        c.configure(properties);
        return c;
    }

    /** Plain wiring of an already valid site. */
    public static SiteConfiguration of(Site site) {
        var c = new SiteConfiguration();
        c.result = new SiteConfigResult.Valid(PID + "~" + site.id(), site, java.util.List.of());
        return c;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        configure(properties);
    }

    private void configure(Map<String, ?> properties) {
        var r = SiteConfigParser.parse(properties);
        result = r;
        if (r instanceof SiteConfigResult.Valid v) {
            var s = v.site();
            LOG.info("site '{}' ({}): window {} min, time zone {}, GWP {}, location series {}, loss '{}', market '{}',"
                    + " fuel meters {}, max power {} kW, net meter '{}'", s.id(), v.pid(), s.window().toMinutes(),
                    s.timeZone(), s.gwpSet(), s.locationSeries(), s.lossSeries(), s.market(), s.fuelSeries().keySet(),
                    s.maxPowerKw().toPlainString(), s.netMeter());
            v.notes().forEach(LOG::warn);
        } else if (r instanceof SiteConfigResult.Invalid i) {
            var message = "site configuration not usable, site '" + i.siteId() + "' gets no emission windows: "
                    + i.message();
            LOG.error(message);
            post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now()).withSource(i.pid()));
        }
    }

    static void post(EventAdmin eventAdmin, Alarm alarm) {
        if (eventAdmin == null) {
            return;
        }
        try {
            eventAdmin.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        } catch (RuntimeException e) {
            LOG.warn("could not post {}: {}", alarm.topic(), e.toString());
        }
    }

    public SiteConfigResult result() {
        return result;
    }

    /** The site id (also of a bad configuration, if readable), else empty. */
    public String siteId() {
        var r = result;
        return r instanceof SiteConfigResult.Valid v ? v.site().id()
                : r instanceof SiteConfigResult.Invalid i ? i.siteId() : "";
    }

    public Optional<Site> site() {
        return result instanceof SiteConfigResult.Valid v ? Optional.of(v.site()) : Optional.empty();
    }

    public String pid() {
        var r = result;
        return r == null ? PID : r.pid();
    }

    @Override
    public String toString() {
        return "SiteConfiguration[" + pid() + ", site '" + siteId() + "'" + (site().isEmpty() ? ", invalid" : "") + "]";
    }
}
