package org.gridprint.allocation.tariff;

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
 * configuration is bad, so that a bill run for its site can say why there is no tariff; the problem is logged once
 * at ERROR and posted as {@code gridprint/alarms/CONFIG_ERROR}; every other tariff keeps working. A changed
 * configuration re-creates the component; the tariff's register version is written when a bill uses it (the same
 * text stores nothing, a changed one is the next version).
 */
@Designate(ocd = TariffConfig.class, factory = true)
@Component(name = TariffConfiguration.PID, service = TariffConfiguration.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class TariffConfiguration {

    public static final String PID = "org.gridprint.allocation.tariff";

    private static final Logger LOG = LoggerFactory.getLogger(TariffConfiguration.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private volatile TariffResult result;

    /** For DS. */
    public TariffConfiguration() {
    }

    /** Plain wiring (tests, tools): from raw properties as DS gives them. */
    public static TariffConfiguration of(Map<String, ?> properties) {
        var c = new TariffConfiguration();
        c.configure(properties);
        return c;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        configure(properties);
    }

    private void configure(Map<String, ?> properties) {
        var r = TariffParser.parse(properties);
        result = r;
        if (r instanceof TariffResult.Valid v) {
            var t = v.tariff();
            LOG.info("tariff '{}' for site '{}' ({}): {} flat per kWh, {} time-of-use bands, demand {} per kW, fixed {},"
                    + " tax {} %", t.id(), t.siteId(), v.pid(), t.flatRate().toPlainString(), t.bands().size(),
                    t.demandCharge().toPlainString(), t.fixedCharge().toPlainString(), t.taxPercent().toPlainString());
        } else if (r instanceof TariffResult.Invalid i) {
            var message = "tariff configuration not usable, tariff '" + i.tariffId() + "' bills nothing: "
                    + i.message();
            LOG.error(message);
            var events = eventAdmin;
            if (events != null) {
                try {
                    var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now()).withSource(i.pid());
                    events.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
                } catch (RuntimeException e) {
                    LOG.warn("could not post the configuration alarm of {}: {}", i.pid(), e.toString());
                }
            }
        }
    }

    public TariffResult result() {
        return result;
    }

    public Optional<Tariff> tariff() {
        return result instanceof TariffResult.Valid v ? Optional.of(v.tariff()) : Optional.empty();
    }
}
