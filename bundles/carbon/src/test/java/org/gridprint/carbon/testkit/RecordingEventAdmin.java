package org.gridprint.carbon.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.ledger.InBatch;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Records every posted or sent event. Thread-safety: as the tests need (single worker). */
public final class RecordingEventAdmin implements EventAdmin {
    public final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    public List<Event> on(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }
}
