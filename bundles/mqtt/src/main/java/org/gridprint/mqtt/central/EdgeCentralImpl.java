package org.gridprint.mqtt.central;

import java.time.Clock;
import java.time.Instant;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestService;
import org.gridprint.driver.toolkit.AlarmEvents;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DS component for PID {@value CentralSettings#PID}: this instance receives edge batches over MQTT and acknowledges
 * each after its commit. Only active with a configuration; a bad one is refused with one ERROR line and one
 * CONFIG_ERROR alarm naming PID, field and value.
 */
@Component(configurationPid = CentralSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = EdgeCentral.class)
@Designate(ocd = CentralConfig.class)
public class EdgeCentralImpl implements EdgeCentral {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeCentralImpl.class);

    @Reference
    private IngestService ingest;

    @Reference
    private EventAdmin eventAdmin;

    private CentralLink link;

    @Activate
    void activate(CentralConfig config) {
        var clock = Clock.systemUTC();
        try {
            var settings = CentralSettings.parse(config);
            var alarms = new EventAlarmConditions("mqtt/central", "central", clock,
                    a -> AlarmEvents.post(eventAdmin, a));
            // the TLS files are read here: a file that cannot be used is a configuration error too
            link = new CentralLink(settings, ingest, alarms, clock);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            AlarmEvents.post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, e.getMessage(), Instant.now())
                    .withSource(CentralSettings.PID));
            throw e;
        }
        link.start();
    }

    @Deactivate
    void deactivate() {
        if (link != null) {
            link.close();
        }
    }

    @Override
    public CentralStatus status() {
        return link.status();
    }
}
