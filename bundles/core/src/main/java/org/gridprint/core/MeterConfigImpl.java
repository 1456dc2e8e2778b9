package org.gridprint.core;

import java.time.Instant;
import java.util.Hashtable;
import java.util.Map;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance per {@code org.gridprint.meter} factory configuration. A valid configuration is registered
 * as a {@link MeterDeclaration} service (collected by {@link MeterRegistryImpl}); an invalid one is logged
 * and raised as {@code gridprint/alarms/CONFIG_ERROR}, and only that meter stays undeclared.
 * A changed configuration re-runs activation (no modified method), so the registry sees remove + add.
 */
@Designate(ocd = MeterConfig.class, factory = true)
@Component(name = MeterConfigImpl.FACTORY_PID, configurationPid = MeterConfigImpl.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
public class MeterConfigImpl {

    public static final String FACTORY_PID = "org.gridprint.meter";
    /** Service property of a registered {@link MeterDeclaration}: the meter id. */
    static final String PROPERTY_METER_ID = "gridprint.meter.id";
    /** Extra key of CONFIG_ERROR alarms: the configuration (PID and file). Not in the api's EventKeys. */
    static final String EVENT_KEY_CONFIG = "config";

    private static final Logger LOG = LoggerFactory.getLogger(MeterConfigImpl.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private ServiceRegistration<MeterDeclaration> registration;

    /** For Declarative Services. */
    public MeterConfigImpl() {
    }

    /** For tests: with a given EventAdmin (may be null). */
    MeterConfigImpl(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        var result = MeterConfigValidator.validate(properties);
        if (result instanceof MeterConfigValidator.Result.Valid valid) {
            var declaration = new MeterDeclaration(valid.meter(), valid.origin());
            var props = new Hashtable<String, Object>();
            props.put(PROPERTY_METER_ID, valid.meter().id());
            registration = context.registerService(MeterDeclaration.class, declaration, props);
            LOG.info("meter {} declared by {}", valid.meter().id(), valid.origin());
        } else if (result instanceof MeterConfigValidator.Result.Invalid invalid) {
            LOG.error(invalid.message());
            var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, invalid.message(), Instant.now())
                    .with(EVENT_KEY_CONFIG, invalid.origin());
            var id = properties.get("id");
            if (id != null && !id.toString().isBlank()) {
                alarm = alarm.with(EventKeys.METER_ID, id.toString().trim());
            }
            Alarms.post(eventAdmin, alarm);
        }
    }

    @Deactivate
    void deactivate() {
        var r = registration;
        registration = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it already
            }
        }
    }
}
