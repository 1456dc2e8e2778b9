package org.gridprint.carbon;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.Meter;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionFactorProvider;
import org.gridprint.api.carbon.Scope;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;

/**
 * The location-based factor of a meter's site, asked of every bound provider; a factor counts only in
 * {@code g CO2e/kWh}, SCOPE_2, LOCATION_BASED (others are refused with a reason).
 *
 * <p><b>One site, one factor.</b> When two or more providers give a factor for the same site (e.g. two
 * {@value StaticSiteFactorProvider#PID} configurations with the same {@code id}), the factor would depend on the
 * order in which the services were bound. Neither is used: the site gets no factor (its meters get no emission
 * records) until the duplicate is removed, and a {@code gridprint/alarms/CONFIG_ERROR} naming the site id and
 * every provider (PID) involved is logged at ERROR and posted, once per conflict. The check runs when a provider
 * is bound ({@link #checkConfiguredSites()}, for site configurations) and on every look-up (for any provider).
 */
final class SiteFactors {

    static final AccountingMethod METHOD = AccountingMethod.LOCATION_BASED;

    private static final Logger LOG = CarbonCalculatorImpl.LOG;

    /** A factor, or why there is none. */
    record Lookup(Optional<EmissionFactor> factor, String problem) {
    }

    private final List<EmissionFactorProvider> providers;
    private final Supplier<EventAdmin> eventAdmin;
    private final Clock clock;
    /** The conflicts already logged and posted as alarms (message), so a lasting one is raised once. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param providers  live list (bound providers come and go), iterated per look-up
     * @param eventAdmin the current EventAdmin for CONFIG_ERROR alarms, may supply null
     */
    SiteFactors(List<EmissionFactorProvider> providers, Supplier<EventAdmin> eventAdmin, Clock clock) {
        this.providers = providers;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    Lookup factorFor(Meter meter, Instant at) {
        if (meter.siteId().isBlank()) {
            return new Lookup(Optional.empty(), "meter '" + meter.id()
                    + "' has no siteId, so no site emission factor applies; no emission records");
        }
        String refused = null;
        var answering = new ArrayList<EmissionFactorProvider>(1);
        Optional<EmissionFactor> found = Optional.empty();
        for (var provider : providers) {
            Optional<EmissionFactor> factor;
            try {
                factor = provider.factor(meter.siteId(), METHOD, at);
            } catch (RuntimeException e) {
                refused = "factor provider " + provider + " failed: " + e;
                continue;
            }
            if (factor.isEmpty()) {
                continue;
            }
            var f = factor.get();
            if (!SiteSettings.FACTOR_UNIT.equals(f.unit()) || f.scope() != Scope.SCOPE_2 || f.method() != METHOD) {
                refused = "factor provider " + provider + " gave " + f.unit() + " " + f.scope() + " " + f.method()
                        + " for site '" + meter.siteId() + "', expected " + SiteSettings.FACTOR_UNIT + " SCOPE_2 "
                        + METHOD;
                continue;
            }
            answering.add(provider);
            found = factor;
        }
        if (answering.size() > 1) {
            return new Lookup(Optional.empty(), reportDuplicate(meter.siteId(), answering));
        }
        if (found.isPresent()) {
            return new Lookup(found, null);
        }
        return new Lookup(Optional.empty(), refused != null ? refused
                : "site '" + meter.siteId() + "' has no location-based emission factor (no valid "
                        + StaticSiteFactorProvider.PID + " configuration with id = " + meter.siteId()
                        + "); no emission records for this meter until there is one");
    }

    /**
     * Reports every site id that more than one valid site configuration among the bound providers claims (run
     * when a provider is bound, so a duplicate is reported even before a meter of that site is computed).
     */
    void checkConfiguredSites() {
        var bySite = new LinkedHashMap<String, List<EmissionFactorProvider>>();
        for (var provider : providers) {
            if (provider instanceof StaticSiteFactorProvider site) {
                site.settings().ifPresent(s -> bySite.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(site));
            }
        }
        for (Map.Entry<String, List<EmissionFactorProvider>> e : bySite.entrySet()) {
            if (e.getValue().size() > 1) {
                reportDuplicate(e.getKey(), e.getValue());
            }
        }
    }

    /** Forgets the conflicts reported so far (a provider went away), so one that comes back is raised again. */
    void providerRemoved() {
        logged.clear();
        reported.clear();
    }

    /** Logs and posts CONFIG_ERROR for a site claimed by several providers, once per conflict; the message. */
    private String reportDuplicate(String siteId, List<EmissionFactorProvider> claimants) {
        var names = claimants.stream().map(SiteFactors::name).sorted().toList();
        var message = "site id '" + siteId + "' is configured more than once (" + String.join(", ", names)
                + "); the factor would depend on service bind order, so none of them is used: no emission records"
                + " for the meters of site '" + siteId + "' until only one configuration has id = " + siteId;
        if (logged.add(message)) {
            LOG.error(message);
        }
        var events = eventAdmin.get();
        // posted once, as soon as there is an EventAdmin (at bind time there may be none yet)
        if (events != null && reported.add(message)) {
            Events.post(events, Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant())
                    .withSource(StaticSiteFactorProvider.PID));
        }
        return message;
    }

    /** The PID of a site configuration, else what the provider says of itself. */
    private static String name(EmissionFactorProvider provider) {
        if (provider instanceof StaticSiteFactorProvider site && site.config() != null) {
            return site.config().pid();
        }
        return String.valueOf(provider);
    }
}
