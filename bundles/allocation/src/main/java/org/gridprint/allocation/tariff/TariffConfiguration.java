package org.gridprint.allocation.tariff;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * configuration re-creates the component. The tariff is recorded in the register {@value Tariff#REGISTER} when it
 * is activated and the store and its time zone are known (else when a bill first uses it): the same text stores
 * nothing, a changed configuration is the next version.
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RecordRegister register;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;

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

    /** Plain wiring with a register: the tariff is recorded at once when it names its time zone. */
    public static TariffConfiguration of(Map<String, ?> properties, RecordRegister register) {
        var c = new TariffConfiguration();
        c.register = register;
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
            record(t, v.pid());
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

    /** Writes the tariff's version now if the store and its zone are known; a failure is left to the first bill. */
    private void record(Tariff t, String pid) {
        var reg = register;
        var zone = t.zone().or(() -> SiteZones.zone(configAdmin, t.siteId()));
        if (reg == null || zone.isEmpty()) {
            return;
        }
        try {
            var previous = reg.get(Tariff.REGISTER, t.id());
            var r = reg.put(Tariff.REGISTER, t.id(), t.text(zone.get()), previous.isEmpty() ? "configured (" + pid
                    + ")" : "configuration changed (" + pid + ")");
            LOG.info("tariff '{}' is version {} in register {} (ref {})", t.id(), r.version(), Tariff.REGISTER,
                    r.ref());
        } catch (RuntimeException e) {
            LOG.warn("tariff '{}' not recorded yet ({}); its first bill records it", t.id(), e.getMessage());
        }
    }

    public TariffResult result() {
        return result;
    }

    public Optional<Tariff> tariff() {
        return result instanceof TariffResult.Valid v ? Optional.of(v.tariff()) : Optional.empty();
    }
}
