package org.gridprint.carbon;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionFactorProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's static location-based Scope 2 factor, from one {@value #PID} factory configuration.
 *
 * <p>Registered as an {@link EmissionFactorProvider} also when the configuration is bad, so the site is visible;
 * it then answers no factor, the problem is logged and posted as {@code gridprint/alarms/CONFIG_ERROR} (naming
 * the PID, field, value and what is expected), and the meters of that site get no emission records while every
 * other site works. A changed configuration re-creates the component (no {@code @Modified}), which makes the
 * carbon calculator look at every meter again.
 */
@Designate(ocd = SiteConfig.class, factory = true)
@Component(name = StaticSiteFactorProvider.PID, service = EmissionFactorProvider.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class StaticSiteFactorProvider implements EmissionFactorProvider {

    public static final String PID = "org.gridprint.carbon.site";

    private static final Logger LOG = LoggerFactory.getLogger(StaticSiteFactorProvider.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private volatile SiteConfigResult config;

    /** For DS: configured by {@link #activate(Map)}. */
    public StaticSiteFactorProvider() {
    }

    /** Plain wiring (tests, tools): a provider for already validated settings. */
    public StaticSiteFactorProvider(SiteSettings settings) {
        this.config = new SiteConfigResult.Valid(PID, Objects.requireNonNull(settings, "settings"));
    }

    /** Plain wiring from raw properties, as DS would do; problems are logged and posted via {@code eventAdmin}. */
    public static StaticSiteFactorProvider fromProperties(Map<String, ?> properties, EventAdmin eventAdmin) {
        var provider = new StaticSiteFactorProvider();
        provider.eventAdmin = eventAdmin;
        provider.configure(properties);
        return provider;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        configure(properties);
    }

    private void configure(Map<String, ?> properties) {
        var result = SiteConfigParser.parse(properties);
        config = result;
        if (result instanceof SiteConfigResult.Valid v) {
            var s = v.settings();
            LOG.info("site '{}' ({}): location-based factor {} {} from '{}', edition '{}', GWP {}, region '{}',"
                    + " time zone {}", s.id(), v.pid(), s.locationFactor(), SiteSettings.FACTOR_UNIT, s.factorSource(),
                    s.factorEdition(), s.gwpSet(), s.region(), s.timeZone());
        } else if (result instanceof SiteConfigResult.Invalid i) {
            var message = "site configuration not usable, site '" + i.siteId() + "' has no emission factor: "
                    + i.message();
            LOG.error(message);
            Events.post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now()).withSource(i.pid()));
        }
    }

    /** The configuration as validated: the settings, or the problems. */
    public SiteConfigResult config() {
        return config;
    }

    /** The validated settings, empty when the configuration is bad. */
    public Optional<SiteSettings> settings() {
        return config instanceof SiteConfigResult.Valid v ? Optional.of(v.settings()) : Optional.empty();
    }

    /** The site's factor for {@link AccountingMethod#LOCATION_BASED}; empty for other sites, methods or a bad config. */
    @Override
    public Optional<EmissionFactor> factor(String siteId, AccountingMethod method, Instant at) {
        if (method != AccountingMethod.LOCATION_BASED) {
            return Optional.empty();
        }
        return settings().filter(s -> s.id().equals(siteId)).map(SiteSettings::locationBasedFactor);
    }

    @Override
    public String toString() {
        var c = config;
        if (c instanceof SiteConfigResult.Valid v) {
            return "StaticSiteFactorProvider[" + v.pid() + ", site " + v.settings().id() + "]";
        }
        if (c instanceof SiteConfigResult.Invalid i) {
            return "StaticSiteFactorProvider[" + i.pid() + ", site " + i.siteId() + ", invalid]";
        }
        return "StaticSiteFactorProvider[not configured]";
    }
}
