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

/** An in-memory MeterRegistry. Thread-safety: as the tests need (single worker). */
public final class FakeMeters implements MeterRegistry {
    public final TreeMap<String, Meter> meters = new TreeMap<>();

    public FakeMeters add(Meter... ms) {
        for (var m : ms) {
            meters.put(m.id(), m);
        }
        return this;
    }

    @Override
    public Optional<Meter> meter(String id) {
        return Optional.ofNullable(meters.get(id));
    }

    @Override
    public Collection<Meter> meters() {
        return List.copyOf(meters.values());
    }
}
