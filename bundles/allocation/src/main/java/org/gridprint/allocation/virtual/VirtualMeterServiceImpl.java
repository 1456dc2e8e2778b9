package org.gridprint.allocation.virtual;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.allocation.common.BackgroundWorker;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Topics;
import org.gridprint.api.allocation.VirtualMeter;
import org.gridprint.api.allocation.VirtualMeterService;
import org.gridprint.api.allocation.VirtualRun;
import org.gridprint.api.store.EmissionWindowStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual meters: collects the {@link VirtualDefinition}s, checks them against the declared meters
 * ({@link VirtualCatalog}; a refused one is logged once at ERROR with its reason), and computes their windows on one
 * background thread: a catch-up of each one's recent hours {@value #CATCH_UP_DELAY_SECONDS} s after the service
 * starts or a definition arrives (the meters' configurations arrive one by one at start-up), then on
 * every {@code gridprint/emissions/COMPUTED} event over the span it names, for the virtual meters that read its
 * meters (through other virtual meters too, in dependency order). Posts {@code gridprint/allocations/COMPUTED}
 * (METER_IDS = virtual meters whose windows changed, FROM, TO, COUNT) after storing. A run with negative windows is
 * logged once per virtual meter (WARN) until a run has none again (INFO).
 */
@Component(service = {VirtualMeterService.class, EventHandler.class}, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + Topics.EMISSIONS_COMPUTED)
public class VirtualMeterServiceImpl implements VirtualMeterService, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualMeterServiceImpl.class);

    private final List<VirtualDefinition> definitions = new CopyOnWriteArrayList<>();
    private final Set<String> loggedProblems = new HashSet<>();
    private final Set<String> negativeLogged = new HashSet<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MeterRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EmissionWindowStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    /**
     * Seconds between the start (or a new definition) and the catch-up: at start-up the meter configurations arrive
     * one by one, and a formula checked before its meters are declared would be refused for nothing.
     */
    static final int CATCH_UP_DELAY_SECONDS = 30;

    private volatile Clock clock = Clock.systemUTC();
    private final BackgroundWorker worker = new BackgroundWorker("gridprint-virtual-meters", LOG);

    public VirtualMeterServiceImpl() {
    }

    /** Hand wiring (tests): runs on the caller's thread until {@link #activate()} is called. */
    public VirtualMeterServiceImpl(MeterRegistry registry, EmissionWindowStore store, EventAdmin eventAdmin,
            Clock clock) {
        this.registry = registry;
        this.store = store;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Reference(name = "definitions", service = VirtualDefinition.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeDefinition")
    public void addDefinition(VirtualDefinition definition) {
        definitions.add(definition);
        worker.schedule("virtual meter " + definition.id() + ": catch-up", () -> catchUp(definition.id()),
                CATCH_UP_DELAY_SECONDS);
    }

    public void removeDefinition(VirtualDefinition definition) {
        definitions.remove(definition);
    }

    @Activate
    public void activate() {
        worker.start();
        worker.schedule("virtual meters: catch-up", () -> {
            for (var u : catalog().ordered()) {
                catchUp(u.definition().id());
            }
        }, CATCH_UP_DELAY_SECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.stop();
    }

    /** The catalog now, with newly found problems logged once. */
    VirtualCatalog catalog() {
        var r = registry;
        var declared = new HashMap<String, Meter>();
        if (r != null) {
            r.meters().forEach(m -> declared.put(m.id(), m));
        }
        var catalog = VirtualCatalog.of(definitions, declared);
        synchronized (loggedProblems) {
            var now = new HashSet<String>();
            for (var v : catalog.all()) {
                if (!v.usable()) {
                    now.add(v.error());
                    if (!loggedProblems.contains(v.error())) {
                        LOG.error("{} (it is not computed until fixed)", v.error());
                    }
                }
            }
            loggedProblems.clear();
            loggedProblems.addAll(now);
        }
        return catalog;
    }

    @Override
    public List<VirtualMeter> virtualMeters() {
        return catalog().all();
    }

    @Override
    public VirtualRun recompute(String virtualId, Instant from, Instant to) {
        var catalog = catalog();
        var usable = catalog.usable(virtualId);
        if (usable.isEmpty()) {
            var known = catalog.all().stream().filter(v -> v.id().equals(virtualId)).findFirst();
            if (known.isPresent()) {
                throw new IllegalArgumentException(known.get().error());
            }
            throw new IllegalArgumentException("virtual meter '" + virtualId + "' is not configured; expected one of "
                    + catalog.all().stream().map(VirtualMeter::id).toList());
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("virtual meter " + virtualId + ": the span must end after it starts: "
                    + from + " .. " + to);
        }
        var s = store;
        if (s == null) {
            throw new IllegalStateException("no emission window store: install gridprint-store-derby");
        }
        var run = new VirtualEngine(s, clock).compute(usable.get(), from, to);
        reportNegatives(run);
        if (run.added() + run.revised() > 0) {
            post(List.of(virtualId), from, to, run.added() + run.revised());
        }
        return run;
    }

    private void catchUp(String virtualId) {
        var u = catalog().usable(virtualId);
        if (u.isEmpty() || store == null) {
            return;
        }
        var now = clock.instant();
        var to = now.truncatedTo(ChronoUnit.MINUTES);
        var from = to.minus(Duration.ofHours(u.get().definition().catchUpHours())).truncatedTo(ChronoUnit.HOURS);
        if (!to.isAfter(from)) {
            return;
        }
        var run = recompute(virtualId, from, to);
        LOG.info("virtual meter {}: catch-up {} .. {}: {} added, {} revised, {} unchanged, {} missing, {} negative",
                virtualId, from, to, run.added(), run.revised(), run.unchanged(), run.missing(), run.negative());
    }

    @Override
    public void handleEvent(Event event) {
        var ids = event.getProperty(EventKeys.METER_IDS);
        var from = event.getProperty(EventKeys.FROM);
        var to = event.getProperty(EventKeys.TO);
        if (!(ids instanceof String[] meterIds) || !(from instanceof Long f) || !(to instanceof Long t) || t <= f) {
            return;
        }
        var changed = List.of(meterIds);
        worker.submit("virtual meters: computation",
                () -> onComputed(changed, Instant.ofEpochMilli(f), Instant.ofEpochMilli(t)));
    }

    /** Recomputes the virtual meters reading any of {@code meterIds} over {@code [from, to)}; returns their runs. */
    public List<VirtualRun> onComputed(List<String> meterIds, Instant from, Instant to) {
        var s = store;
        if (s == null) {
            return List.of();
        }
        var catalog = catalog();
        var runs = new ArrayList<VirtualRun>();
        var changedIds = new TreeSet<String>();
        int count = 0;
        for (var u : catalog.dependents(meterIds)) {
            var run = new VirtualEngine(s, clock).compute(u, from, to);
            reportNegatives(run);
            runs.add(run);
            if (run.added() + run.revised() > 0) {
                changedIds.add(run.virtualId());
                count += run.added() + run.revised();
            }
        }
        if (!changedIds.isEmpty()) {
            post(List.copyOf(changedIds), from, to, count);
        }
        return runs;
    }

    private void reportNegatives(VirtualRun run) {
        synchronized (negativeLogged) {
            if (run.negative() > 0 && negativeLogged.add(run.virtualId())) {
                LOG.warn("virtual meter {}: {} window(s) came out negative and were not stored (an input measures more"
                        + " than the formula allows: gridprint:audit lists them); first: {}", run.virtualId(),
                        run.negative(), run.notes().isEmpty() ? "-" : run.notes().get(0));
            } else if (run.negative() == 0 && run.added() + run.revised() + run.unchanged() > 0
                    && negativeLogged.remove(run.virtualId())) {
                LOG.info("virtual meter {}: no negative windows in the last computation", run.virtualId());
            }
        }
    }

    private void post(List<String> ids, Instant from, Instant to, int count) {
        var ea = eventAdmin;
        if (ea == null) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        props.put(EventKeys.METER_IDS, ids.toArray(String[]::new));
        props.put(EventKeys.FROM, from.toEpochMilli());
        props.put(EventKeys.TO, to.toEpochMilli());
        props.put(EventKeys.COUNT, count);
        props.put(EventKeys.SOURCE, "virtual-meters");
        try {
            ea.postEvent(new Event(Topics.ALLOCATIONS_COMPUTED, props));
        } catch (RuntimeException e) {
            LOG.debug("could not post {}: {}", Topics.ALLOCATIONS_COMPUTED, e.toString());
        }
    }
}
