package org.gridprint.driver.modbus;

import java.util.Hashtable;
import java.util.Map;

import org.gridprint.api.Alarm;
import org.gridprint.api.IngestService;
import org.gridprint.api.device.Device;
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
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DS wrapper: one instance per factory configuration {@code org.gridprint.driver.modbus}. Registers the device as a
 * {@link Device} service with {@code gridprint.device.id} — also when the configuration is bad (state
 * CONFIG_ERROR), so operators see it. A changed configuration restarts the device.
 */
@Component(configurationPid = DeviceConfigParser.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = Config.class, factory = true)
public class ModbusDeviceComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceComponent.class);

    @Reference
    private ModbusDriver driver;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IngestService ingestService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private ModbusDevice device;
    private ServiceRegistration<Device> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        var parsed = DeviceConfigParser.parse(properties, driver.profiles());
        device = driver.device(parsed, () -> ingestService, this::post);
        var props = new Hashtable<String, Object>();
        props.put(Device.PROPERTY_DEVICE_ID, device.id());
        props.put("gridprint.driver", ModbusDevice.DRIVER);
        props.put("service.description", "Modbus device " + device.id());
        registration = context.registerService(Device.class, device, props);
        device.start();
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
            registration = null;
        }
        if (device != null) {
            device.stop();
            driver.release(device);
            device = null;
        }
    }

    private void post(Alarm alarm) {
        var admin = eventAdmin;
        if (admin == null) {
            return;
        }
        try {
            admin.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        } catch (RuntimeException e) {
            LOG.debug("Could not post {} alarm for Modbus device {}", alarm.kind(), device == null ? "?" : device.id(), e);
        }
    }
}
