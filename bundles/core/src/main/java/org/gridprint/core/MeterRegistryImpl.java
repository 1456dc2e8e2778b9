package org.gridprint.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.store.ReadingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The declared meters: collects every {@link MeterDeclaration} (one per valid {@code org.gridprint.meter}
 * configuration). When two configurations declare the same meter id, the first one to arrive wins and the
 * second is reported as a CONFIG_ERROR naming both; if the first goes away, the second takes over.
 * Every active meter is pushed to {@link ReadingStore#registerMeter} when it is declared and again when a
 * store arrives. Usable without OSGi: {@link #of(Collection)} or {@link #add}/{@link #setStore}.
 */
@Component(service = MeterRegistry.class, immediate = true)
public class MeterRegistryImpl implements MeterRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MeterRegistryImpl.class);

    private final Object lock = new Object();
    /** Declarations per meter id in arrival order; the first is the active one. Guarded by lock. */
    private final Map<String, List<MeterDeclaration>> declarations = new HashMap<>();
    /** Read side: immutable, sorted by id, replaced on every change. */
    private volatile Map<String, Meter> snapshot = Map.of();
    private volatile List<Meter> sorted = List.of();

    private volatile ReadingStore store;
    private volatile boolean active;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** For DS and for hand wiring (then call {@link #add} and optionally {@link #setStore}). */
    public MeterRegistryImpl() {
    }

    /** A registry holding the given meters, for tests and benchmarks. */
    public static MeterRegistryImpl of(Collection<Meter> meters) {
        var registry = new MeterRegistryImpl();
        meters.forEach(m -> registry.add(new MeterDeclaration(m, "code")));
        registry.activate();
        return registry;
    }

    @Activate
    public void activate() {
        active = true;
        // duplicates that arrived before activation were logged but not raised: raise them now
        List<MeterDeclaration[]> pending = new ArrayList<>();
        synchronized (lock) {
            for (var list : declarations.values()) {
                for (int i = 1; i < list.size(); i++) {
                    pending.add(new MeterDeclaration[] {list.get(0), list.get(i)});
                }
            }
        }
        pending.forEach(p -> raiseConfigError(p[1].meter().id(), duplicateMessage(p[0], p[1])));
    }

    @Deactivate
    void deactivate() {
        active = false;
    }

    @Override
    public Optional<Meter> meter(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(snapshot.get(id));
    }

    @Override
    public Collection<Meter> meters() {
        return sorted;
    }

    /**
     * Adds a declaration; a duplicate id is kept in reserve and reported. A new version of a declaration already
     * held ({@link MeterDeclaration#supersedes}: same configuration PID and meter id, an edited configuration)
     * replaces it in place, atomically: the meter is never missing from the registry in between.
     */
    @Reference(name = "declarations", service = MeterDeclaration.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "remove")
    public void add(MeterDeclaration declaration) {
        String duplicate = null;
        synchronized (lock) {
            var list = declarations.computeIfAbsent(declaration.meter().id(), k -> new ArrayList<>());
            int previous = indexOfSuperseded(list, declaration);
            if (previous > 0) {
                list.set(previous, declaration); // a declaration in reserve: nothing visible changes
                LOG.debug("meter {} (in reserve) updated by {}", declaration.meter().id(), declaration.origin());
                return;
            } else if (previous == 0) {
                list.set(0, declaration);
                publish();
                LOG.debug("meter {} replaced in place by {}", declaration.meter().id(), declaration.origin());
            } else {
                list.add(declaration);
                if (list.size() > 1) {
                    duplicate = duplicateMessage(list.get(0), declaration);
                } else {
                    publish();
                }
            }
        }
        if (duplicate != null) {
            LOG.error(duplicate);
            if (active) {
                raiseConfigError(declaration.meter().id(), duplicate);
            }
            return;
        }
        LOG.debug("meter {} registered from {}", declaration.meter().id(), declaration.origin());
        pushToStore(store, List.of(declaration.meter()));
    }

    private static int indexOfSuperseded(List<MeterDeclaration> list, MeterDeclaration next) {
        for (int i = 0; i < list.size(); i++) {
            if (next.supersedes(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Removes a declaration (a no-op for one already replaced by a newer version of its configuration). */
    public void remove(MeterDeclaration declaration) {
        MeterDeclaration successor = null;
        synchronized (lock) {
            var list = declarations.get(declaration.meter().id());
            if (list == null) {
                return;
            }
            var wasActive = !list.isEmpty() && list.get(0) == declaration;
            list.removeIf(d -> d == declaration);
            if (list.isEmpty()) {
                declarations.remove(declaration.meter().id());
            } else if (wasActive) {
                successor = list.get(0);
            }
            publish();
        }
        if (successor != null) {
            LOG.warn("meter {} is now declared by {} (the configuration {} went away)",
                    successor.meter().id(), successor.origin(), declaration.origin());
            pushToStore(store, List.of(successor.meter()));
        }
    }

    /** Binds the store and pushes every declared meter to it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, name = "store", unbind = "unsetStore")
    public void setStore(ReadingStore readingStore) {
        this.store = readingStore;
        pushToStore(readingStore, sorted);
    }

    void unsetStore(ReadingStore readingStore) {
        if (this.store == readingStore) {
            this.store = null;
        }
    }

    /** For hand wiring. */
    public void setEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    /** Must hold lock. */
    private void publish() {
        var map = new TreeMap<String, Meter>();
        declarations.forEach((id, list) -> map.put(id, list.get(0).meter()));
        snapshot = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        sorted = List.copyOf(map.values());
    }

    private static String duplicateMessage(MeterDeclaration first, MeterDeclaration second) {
        return "meter configuration " + second.origin() + ": field 'id' = '" + second.meter().id()
                + "' is already declared by " + first.origin()
                + "; expected each meter id in exactly one configuration (this one is ignored until fixed)";
    }

    private void raiseConfigError(String meterId, String message) {
        Alarms.post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now())
                .with(EventKeys.METER_ID, meterId));
    }

    private static void pushToStore(ReadingStore target, Collection<Meter> meters) {
        if (target == null) {
            return;
        }
        for (var meter : meters) {
            try {
                target.registerMeter(meter);
            } catch (RuntimeException e) {
                // one meter's metadata failing must not stop the others; ingest checks the registry, not the store
                LOG.error("could not register meter {} with the reading store: {}", meter.id(), e.toString(), e);
            }
        }
    }

}
