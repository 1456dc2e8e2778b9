package org.gridprint.http;

import org.gridprint.api.Topics;
import org.gridprint.http.query.AlarmBook;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** Keeps the alarms posted on {@code gridprint/alarms/*} for GET /api/v1/alarms (in memory, since start). */
@Component(service = {EventHandler.class, AlarmListener.class},
        property = EventConstants.EVENT_TOPIC + "=" + Topics.ALARMS_ALL)
public class AlarmListener implements EventHandler {

    private final AlarmBook book = new AlarmBook();

    @Override
    public void handleEvent(Event event) {
        book.add(event);
    }

    public AlarmBook book() {
        return book;
    }
}
