package org.gridprint.driver.modbus;

import java.time.Clock;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
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
 * DS wrapper: one instance per factory configuration {@code org.gridprint.driver.modbus}. Registers the
 * device as a {@link Device} service with {@code gridprint.device.id} — also when the configuration is
 * bad (state CONFIG_ERROR), so operators see it. A changed configuration restarts the device.
 */
@Component(configurationPid = DeviceConfigParser.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = Config.class, factory = true)
public class ModbusDeviceComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceComponent.class);

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
        var parsed = DeviceConfigParser.parse(properties);
        device = ModbusDevice.create(parsed, Clock.systemUTC(), () -> ingestService, this::postAlarm);
        var props = new Hashtable<String, Object>();
        props.put(Device.PROPERTY_DEVICE_ID, device.id());
        props.put("gridprint.driver", ModbusDevice.DRIVER);
        props.put("service.description", "Modbus TCP device " + device.id());
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
            device = null;
        }
    }

    private void postAlarm(AlarmKind kind, String deviceId, String message, List<String> meterIds) {
        var admin = eventAdmin;
        if (admin == null) {
            return;
        }
        try {
            var alarm = Alarm.of(kind, message, Instant.now()).withSource("modbus/" + deviceId).withDeviceId(deviceId)
                    .withMeterIds(meterIds);
            admin.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        } catch (RuntimeException e) {
            LOG.warn("Could not post {} alarm for Modbus device {}", kind, deviceId, e);
        }
    }
}
