package org.gridprint.driver.bacnet;

import java.util.Map;

import org.gridprint.driver.bacnet.config.StackConfigParser;
import org.gridprint.driver.bacnet.config.StackSettings;
import org.gridprint.driver.toolkit.DeviceServices;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DS wrapper: one instance per factory configuration {@code org.gridprint.driver.bacnet.stack}; opens the stack in
 * the driver and offers it as a {@link BacnetStack} service ({@code gridprint.bacnet.stack} = id).
 */
@Component(configurationPid = StackConfigParser.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = StackConfig.class, factory = true)
public class BacnetStackComponent {

    private static final Logger LOG = LoggerFactory.getLogger(BacnetStackComponent.class);

    @Reference
    private BacnetDriver driver;

    private StackSettings settings;
    private ServiceRegistration<BacnetStack> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        var result = StackConfigParser.parse(properties);
        String error = result.valid() ? driver.defineStack(result.settings()) : String.join("; ", result.errors());
        if (error != null) {
            LOG.error("BACnet stack {} not opened: {}", result.id(), error);
            driver.stackError(result.pid(), error);
            return;
        }
        settings = result.settings();
        var props = new java.util.Hashtable<String, Object>();
        props.put("gridprint.bacnet.stack", settings.id());
        props.put("service.description", "BACnet/IP " + settings.describe());
        driver.stack(settings.id()).ifPresent(s -> registration = context.registerService(BacnetStack.class, s, props));
    }

    @Deactivate
    void deactivate() {
        DeviceServices.unregister(registration);
        registration = null;
        if (settings != null) {
            driver.undefineStack(settings.id(), settings.pid());
            settings = null;
        }
    }
}
