package org.gridprint.allocation.virtual;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Pattern;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.Quantity;
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
 * One {@value #FACTORY_PID} configuration: checks its fields (each error names the PID, the field, the value and what
 * is expected; logged and raised as CONFIG_ERROR) and offers a valid one as a {@link VirtualDefinition} service,
 * which {@link VirtualMeterServiceImpl} collects. The formula is checked there, against the other meters.
 */
@Component(configurationPid = VirtualMeterConfigImpl.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = VirtualMeterConfig.class, factory = true)
public class VirtualMeterConfigImpl {

    public static final String FACTORY_PID = "org.gridprint.allocation.virtual";
    static final Pattern ID = Pattern.compile("[A-Za-z0-9/_.:\\-]{1,512}");
    private static final Logger LOG = LoggerFactory.getLogger(VirtualMeterConfigImpl.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    private BundleContext context;
    private ServiceRegistration<VirtualDefinition> registration;

    /** The result of checking one configuration. */
    public sealed interface Checked {
        record Valid(VirtualDefinition definition) implements Checked {
        }

        record Invalid(java.util.List<String> errors) implements Checked {
        }
    }

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
    void deactivate() {
        unregister();
    }

    private synchronized void apply(Map<String, Object> properties) {
        unregister();
        var checked = check(properties);
        if (checked instanceof Checked.Valid v) {
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("virtualMeterId", v.definition().id());
            registration = context.registerService(VirtualDefinition.class, v.definition(), p);
        } else if (checked instanceof Checked.Invalid i) {
            var message = String.join("; ", i.errors());
            LOG.error("{}", message);
            var ea = eventAdmin;
            if (ea != null) {
                var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now()).withSource(origin(properties));
                ea.postEvent(new Event(Topics.alarm(AlarmKind.CONFIG_ERROR), alarm.toEventProperties()));
            }
        }
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    static String origin(Map<String, ?> properties) {
        var pid = properties.get("service.pid");
        var file = properties.get("felix.fileinstall.filename");
        var name = file == null ? "" : file.toString().replaceAll(".*[/\\\\]", "");
        return (pid == null ? FACTORY_PID : pid.toString()) + (name.isEmpty() ? "" : " (" + name + ")");
    }

    /** Checks the raw properties of one configuration. Pure. */
    public static Checked check(Map<String, ?> properties) {
        var origin = origin(properties);
        var errors = new ArrayList<String>();
        var id = text(properties, "id");
        if (!ID.matcher(id).matches()) {
            errors.add(error(origin, "id", id, "a meter id of 1-512 characters A-Z a-z 0-9 / _ . : -"));
        }
        var site = text(properties, "site");
        if (site.isEmpty()) {
            errors.add(error(origin, "site", site, "the site id of the virtual meter's inputs"));
        }
        var qText = text(properties, "quantity");
        var quantity = qText.isEmpty() ? java.util.Optional.of(Quantity.ACTIVE_ENERGY_IMPORT) : Quantity.parse(qText);
        if (quantity.isEmpty() || !quantity.get().cumulative()) {
            errors.add(error(origin, "quantity", qText, "a counter quantity: ACTIVE_ENERGY_IMPORT, ACTIVE_ENERGY_EXPORT,"
                    + " THERMAL_ENERGY, FUEL_VOLUME, REACTIVE_ENERGY_IMPORT, REACTIVE_ENERGY_EXPORT or RUNTIME"));
        }
        var formula = text(properties, "formula");
        if (formula.isEmpty()) {
            errors.add(error(origin, "formula", formula, "meters combined with + - * / and parentheses, e.g."
                    + " 'hq/main - hq/ahu-1'"));
        }
        int catchUp = 48;
        var rawCatchUp = text(properties, "catchUpHours");
        if (!rawCatchUp.isEmpty()) {
            try {
                catchUp = Integer.parseInt(rawCatchUp);
                if (catchUp < 0 || catchUp > 8784) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(error(origin, "catchUpHours", rawCatchUp, "a whole number of hours 0..8784"));
            }
        }
        if (!errors.isEmpty()) {
            return new Checked.Invalid(errors);
        }
        return new Checked.Valid(new VirtualDefinition(id, site, quantity.get(), formula, catchUp, origin));
    }

    private static String error(String origin, String field, Object value, String expected) {
        return "virtual meter configuration " + origin + ": field '" + field + "' = '" + value + "'; expected "
                + expected;
    }

    private static String text(Map<String, ?> properties, String key) {
        var v = properties.get(key);
        return v == null ? "" : v.toString().trim();
    }
}
