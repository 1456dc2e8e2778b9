package org.gridprint.itests;

import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * An EventHandler on {@code gridprint/alarms/*}, registered in the Karaf under test as any third-party subscriber
 * would: it only records the events (returns at once, so EventAdmin never denies it). Close it to unregister.
 */
final class AlarmRecorder implements EventHandler, AutoCloseable {

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> registration;

    static AlarmRecorder register(BundleContext context) {
        var recorder = new AlarmRecorder();
        var props = new Hashtable<String, Object>();
        props.put(EventConstants.EVENT_TOPIC, new String[] {Topics.ALARMS_ALL});
        props.put("service.description", "Gridprint itests alarm recorder");
        recorder.registration = context.registerService(EventHandler.class, recorder, props);
        return recorder;
    }

    @Override
    public void handleEvent(Event event) {
        events.add(event);
    }

    /** Waits (bounded) for an alarm of this kind that matches, and returns it. */
    Event await(AlarmKind kind, String what, Duration limit, Predicate<Event> matches) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            var found = received(kind, matches);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for a " + kind + " alarm " + what
                        + "; alarms received:\n" + describeAll());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The alarms received so far that match. */
    List<Event> received(AlarmKind kind, Predicate<Event> matches) {
        return events.stream().filter(e -> e.getTopic().equals(Topics.alarm(kind))).filter(matches).toList();
    }

    static String text(Event event, String key) {
        var value = event.getProperty(key);
        return value == null ? "" : value.toString();
    }

    static List<String> meterIds(Event event) {
        return event.getProperty(EventKeys.METER_IDS) instanceof String[] ids ? List.of(ids) : List.of();
    }

    static String describe(Event event) {
        var props = new TreeMap<String, String>();
        for (var name : event.getPropertyNames()) {
            var value = event.getProperty(name);
            props.put(name, value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value));
        }
        return event.getTopic() + " " + props;
    }

    private String describeAll() {
        return events.stream().map(AlarmRecorder::describe).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        var r = registration;
        registration = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the probe bundle is stopping
            }
        }
    }
}
