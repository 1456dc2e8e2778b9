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
import org.osgi.service.component.annotations.Modified;
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
 * A changed configuration is handled by {@link #modified}: the meter stays declared throughout (see there).
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
    /** The id of the registered declaration, null if none. */
    private String meterId;

    /** For Declarative Services. */
    public MeterConfigImpl() {
    }

    /** For tests: with a given EventAdmin (may be null). */
    MeterConfigImpl(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        declare(context, properties);
    }

    /**
     * An edited configuration: validated again. If it still declares the same meter id, the new declaration is
     * registered first and the registry replaces the old one in place (same PID and id), so the meter is never
     * undeclared; then the old registration goes away (a no-op for the registry). A changed id: the new id is
     * added, the old one removed. An edit that makes the configuration invalid undeclares the meter.
     */
    @Modified
    void modified(BundleContext context, Map<String, Object> properties) {
        declare(context, properties);
    }

    private void declare(BundleContext context, Map<String, Object> properties) {
        var previous = registration;
        var previousId = meterId;
        ServiceRegistration<MeterDeclaration> next = null;
        String nextId = null;
        var result = MeterConfigValidator.validate(properties);
        if (result instanceof MeterConfigValidator.Result.Valid valid) {
            var id = valid.meter().id();
            var pid = String.valueOf(properties.getOrDefault(ConfigOrigin.SERVICE_PID, valid.origin()));
            var props = new Hashtable<String, Object>();
            props.put(PROPERTY_METER_ID, id);
            next = context.registerService(MeterDeclaration.class,
                    new MeterDeclaration(valid.meter(), valid.origin(), pid), props);
            nextId = id;
            if (previousId == null) {
                LOG.info("meter {} declared by {}", id, valid.origin());
            } else if (previousId.equals(id)) {
                LOG.info("meter {} updated by {}", id, valid.origin());
            } else {
                LOG.info("meter {} declared by {} (was meter {})", id, valid.origin(), previousId);
            }
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
        registration = next;
        meterId = nextId;
        unregister(previous);
    }

    @Deactivate
    void deactivate() {
        var r = registration;
        registration = null;
        meterId = null;
        unregister(r);
    }

    private static void unregister(ServiceRegistration<MeterDeclaration> r) {
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it already
            }
        }
    }
}
