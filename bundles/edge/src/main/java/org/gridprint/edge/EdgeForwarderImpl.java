package org.gridprint.edge;

import java.time.Clock;
import java.time.Instant;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.edge.Outbox;
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
 * DS component for PID {@value EdgeSettings#PID}: forwards the store's outbox ({@link Outbox}) to the central. Only
 * active with a configuration; a bad one (or a store without an outbox) is refused with one ERROR line and one
 * CONFIG_ERROR alarm naming the PID, the field, the value and what is expected.
 */
@Component(configurationPid = EdgeSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = EdgeForwarder.class)
@Designate(ocd = EdgeConfig.class)
public class EdgeForwarderImpl implements EdgeForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeForwarderImpl.class);

    @Reference
    private Outbox outbox;

    @Reference
    private EventAdmin eventAdmin;

    private Forwarder forwarder;

    @Activate
    void activate(EdgeConfig config) {
        EdgeSettings settings;
        var clock = Clock.systemUTC();
        try {
            settings = EdgeSettings.parse(config);
            if (!outbox.outboxStatus().enabled()) {
                throw new IllegalArgumentException("org.gridprint.store.derby: field 'outboxCapacity' is '0'; "
                        + "expected >= 1 reading on an edge (PID " + EdgeSettings.PID + " is configured, but the "
                        + "store queues nothing to forward)");
            }
            var alarms = new EventAlarmConditions("edge/" + settings.edgeId(), settings.edgeId(), clock,
                    a -> AlarmEvents.post(eventAdmin, a));
            // the TLS files are read here: a file that cannot be used is a configuration error too
            forwarder = new Forwarder(settings, outbox, alarms, clock);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            AlarmEvents.post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, e.getMessage(), Instant.now())
                    .withSource(EdgeSettings.PID));
            throw e;
        }
        forwarder.start();
    }

    @Deactivate
    void deactivate() {
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Override
    public ForwardStatus status() {
        return forwarder.status();
    }
}
