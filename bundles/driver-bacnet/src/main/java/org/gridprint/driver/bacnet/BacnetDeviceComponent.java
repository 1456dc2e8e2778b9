package org.gridprint.driver.bacnet;

import java.util.Map;

import org.gridprint.api.IngestService;
import org.gridprint.api.device.Device;
import org.gridprint.driver.toolkit.DeviceServices;
import org.gridprint.driver.bacnet.config.DeviceConfigParser;
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
import org.osgi.service.metatype.annotations.Designate;

/**
 * DS wrapper: one instance per factory configuration {@code org.gridprint.driver.bacnet}. Registers the device as a
 * {@link Device} service — also when the configuration is bad (state CONFIG_ERROR), so operators see it.
 */
@Component(configurationPid = DeviceConfigParser.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = DeviceConfig.class, factory = true)
public class BacnetDeviceComponent {

    @Reference
    private BacnetDriver driver;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IngestService ingestService;

    private BacnetDevice device;
    private ServiceRegistration<Device> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        var parsed = DeviceConfigParser.parse(properties, driver.profiles());
        device = driver.device(parsed, () -> ingestService, driver::post);
        registration = DeviceServices.register(context, device, BacnetDevice.DRIVER, "BACnet device " + device.id());
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
}
