package org.gridprint.core;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Records posted events; sendEvent is never expected. */
final class RecordingEventAdmin implements EventAdmin {

    final List<Event> posted = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("events must be posted asynchronously, not sent: " + event.getTopic());
    }

    synchronized List<Event> on(String topic) {
        return posted.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }
}
