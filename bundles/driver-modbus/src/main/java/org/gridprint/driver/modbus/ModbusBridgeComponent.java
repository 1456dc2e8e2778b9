package org.gridprint.driver.modbus;

import java.time.Instant;
import java.util.Map;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
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

/** DS wrapper: one instance per factory configuration {@code org.gridprint.driver.modbus.bridge}. */
@Component(configurationPid = BridgeConfigParser.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = BridgeConfig.class, factory = true)
public class ModbusBridgeComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusBridgeComponent.class);

    @Reference
    private ModbusDriver driver;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private BridgeSettings settings;

    @Activate
    void activate(Map<String, Object> properties) {
        var result = BridgeConfigParser.parse(properties);
        String error = result.valid() ? driver.bridges().define(result.settings()) : String.join("; ", result.errors());
        if (error != null) {
            LOG.error("Modbus bridge {} not configured: {}", result.id(), error);
            var admin = eventAdmin;
            if (admin != null) {
                var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, error, Instant.now()).withSource(result.pid());
                admin.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
            }
            return;
        }
        settings = result.settings();
        LOG.info("Modbus bridge {} configured", settings.describe());
    }

    @Deactivate
    void deactivate() {
        if (settings != null) {
            driver.bridges().undefine(settings.id(), settings.pid());
            settings = null;
        }
    }
}
