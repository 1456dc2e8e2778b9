package org.gridprint.driver.modbus;

import java.util.Map;

import org.gridprint.api.Alarm;
import org.gridprint.api.IngestService;
import org.gridprint.api.device.Device;
import org.gridprint.driver.toolkit.AlarmEvents;
import org.gridprint.driver.toolkit.DeviceServices;
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
        registration = DeviceServices.register(context, device, ModbusDevice.DRIVER, "Modbus device " + device.id());
        device.start();
    }

    @Deactivate
    void deactivate() {
        DeviceServices.unregister(registration);
        registration = null;
        if (device != null) {
            device.stop();
            driver.release(device);
            device = null;
        }
    }

    private void post(Alarm alarm) {
        var e = AlarmEvents.post(eventAdmin, alarm);
        if (e != null) {
            LOG.debug("Could not post {} alarm for Modbus device {}", alarm.kind(), device == null ? "?" : device.id(), e);
        }
    }
}
