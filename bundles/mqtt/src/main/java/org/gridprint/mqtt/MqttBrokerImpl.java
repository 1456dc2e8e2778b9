package org.gridprint.mqtt;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestService;
import org.gridprint.api.Topics;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.driver.toolkit.AlarmEvents;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DS component per factory configuration {@value BrokerSettings#PID}: the {@link BrokerLink}, ingest of the
 * subscribed topics and publishing of emission windows and alarms. A configuration that cannot be used posts one
 * CONFIG_ERROR alarm naming PID, field and value, and the component stays inactive.
 */
@Component(configurationPid = BrokerSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {MqttBroker.class, EventHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.EMISSIONS_COMPUTED,
                EventConstants.EVENT_TOPIC + "=" + Topics.ALARMS_ALL})
@Designate(ocd = BrokerConfig.class, factory = true)
public class MqttBrokerImpl implements MqttBroker, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBrokerImpl.class);

    @Reference
    private IngestService ingest;

    @Reference
    private EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EmissionWindowStore windowStore;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RecordRegister recordRegister;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobService jobService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile UtilityBillService billService;

    private BrokerSettings settings;
    private BrokerLink link;
    private EventPublisher publisher;
    private FileMessages files;

    @Activate
    void activate(Map<String, Object> properties) {
        FileTopics fileTopics;
        try {
            settings = BrokerSettingsParser.parse(properties);
            fileTopics = FileTopics.parse(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            AlarmEvents.post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, e.getMessage(), Instant.now())
                    .withSource(String.valueOf(properties.getOrDefault("service.pid", BrokerSettings.PID))));
            throw e;
        }
        var clock = Clock.systemUTC();
        var alarms = new EventAlarmConditions(settings.source(), settings.id(), clock,
                alarm -> AlarmEvents.post(eventAdmin, alarm));
        var messages = new MessageIngest(new PayloadParser(settings.maxMessageBytes()), ingest, alarms,
                settings.source());
        link = new BrokerLink(settings, messages, alarms, clock);
        publisher = new EventPublisher(settings, link::publish, () -> windowStore, () -> recordRegister);
        if (fileTopics.enabled()) {
            files = new FileMessages(fileTopics, settings.maxMessageBytes(), () -> jobService, () -> billService,
                    link::publish, alarms, settings.source(), clock);
            var handler = files;
            link.route(files.filters(), (BrokerLink.RouteHandler) handler::handle);
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
    public void handleEvent(Event event) {
        var p = publisher;
        if (p == null) {
            return;
        }
        var props = new HashMap<String, Object>();
        for (var name : event.getPropertyNames()) {
            props.put(name, event.getProperty(name));
        }
        p.on(event.getTopic(), props);
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public LinkStatus status() {
        return link.status();
    }
}
