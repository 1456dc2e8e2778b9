package org.gridprint.allocation.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.gridprint.allocation.common.BackgroundWorker;
import org.gridprint.allocation.tree.MeterGraph;
import org.gridprint.allocation.tree.SiteZones;
import org.gridprint.api.Alarm;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Topics;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.allocation.AuditReport;
import org.gridprint.api.allocation.AuditRequest;
import org.gridprint.api.allocation.AuditService;
import org.gridprint.api.allocation.TreeProblem;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.api.allocation.VirtualMeter;
import org.gridprint.api.allocation.VirtualMeterService;
import org.gridprint.api.store.EmissionWindowStore;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * The differential audit ({@link AuditService}) and the UNMETERED_ENERGY alarm: on every
 * {@code gridprint/emissions/COMPUTED} (and {@code gridprint/allocations/COMPUTED} of virtual meters) event, the
 * families that contain a meter of the event are audited per window over the event's span (at most the last
 * {@value #ALARM_SPAN_DAYS} days of it) on one background thread, feeding {@link UnmeteredAlarms}.
 */
@Component(service = {AuditService.class, EventHandler.class}, immediate = true,
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.EMISSIONS_COMPUTED,
                EventConstants.EVENT_TOPIC + "=" + Topics.ALLOCATIONS_COMPUTED})
public class AuditServiceImpl implements AuditService, EventHandler {

    static final int ALARM_SPAN_DAYS = 7;
    private static final Logger LOG = LoggerFactory.getLogger(AuditServiceImpl.class);

    private final List<AuditSettings> settings = new CopyOnWriteArrayList<>();
    private final Map<String, UnmeteredAlarms> alarms = new ConcurrentHashMap<>();
    private final Set<String> loggedProblems = new java.util.HashSet<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MeterRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EmissionWindowStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile VirtualMeterService virtuals;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile UtilityBillService bills;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configAdmin;

    private volatile Clock clock = Clock.systemUTC();
    private volatile Consumer<Alarm> alarmSink;
    private final BackgroundWorker worker = new BackgroundWorker("gridprint-audit", LOG);

    public AuditServiceImpl() {
    }

    /** Hand wiring (tests, benchmarks): events are handled on the caller's thread; alarms go to {@code alarmSink}. */
    public AuditServiceImpl(MeterRegistry registry, EmissionWindowStore store, VirtualMeterService virtuals,
            UtilityBillService bills, Consumer<Alarm> alarmSink, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.virtuals = virtuals;
        this.bills = bills;
        this.alarmSink = alarmSink;
        this.clock = clock;
    }

    @Reference(name = "settings", service = AuditSettings.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeSettings")
    public void addSettings(AuditSettings s) {
        settings.add(s);
    }

    public void removeSettings(AuditSettings s) {
        settings.remove(s);
    }

    @Activate
    void activate() {
        worker.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.stop();
    }

    /** The site's thresholds: its configuration (the first one by PID when several name it), else the defaults. */
    AuditSettings settings(String siteId) {
        return settings.stream().filter(s -> s.siteId().equals(siteId))
                .min(java.util.Comparator.comparing(AuditSettings::origin)).orElse(AuditSettings.defaults(siteId));
    }

    ZoneId zone(String siteId) {
        return settings(siteId).zone().orElseGet(() -> SiteZones.zone(configAdmin, siteId));
    }

    private MeterGraph graph() {
        var r = registry;
        return MeterGraph.of(r == null ? List.<Meter>of() : r.meters());
    }

    private List<VirtualMeter> virtualMeters() {
        var v = virtuals;
        return v == null ? List.of() : v.virtualMeters();
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        var graph = graph();
        var vs = virtualMeters();
        var sites = new TreeSet<>(graph.sites());
        vs.forEach(v -> sites.add(v.siteId()));
        List<String> chosen;
        if (request.siteId().isEmpty()) {
            chosen = List.copyOf(sites);
        } else if (sites.contains(request.siteId())) {
            chosen = List.of(request.siteId());
        } else {
            throw new IllegalArgumentException("site '" + request.siteId() + "' has no declared meters; expected one"
                    + " of " + (sites.isEmpty() ? "(none)" : String.join(", ", sites)));
        }
        var s = store;
        if (s == null) {
            throw new IllegalStateException("no emission window store: install gridprint-store-derby");
        }
        var findings = new ArrayList<AuditFinding>();
        for (var site : chosen) {
            var zone = zone(site);
            var from = request.from().atStartOfDay(zone).toInstant();
            var to = request.to().atStartOfDay(zone).toInstant();
            var siteSettings = settings(site);
            findings.addAll(new AuditEngine(s).audit(site, Families.of(graph, site, vs), siteSettings, from, to,
                    WindowObserver.NONE));
            var b = bills;
            if (b != null) {
                try {
                    findings.addAll(BillAudit.audit(site, b.bills(site), graph.roots(site), s, zone, request.from(),
                            request.to(), siteSettings));
                } catch (RuntimeException e) {
                    LOG.warn("site {}: bills not audited: {}", site, e.toString());
                }
            }
        }
        findings.sort(AuditEngine.ORDER);
        var problems = new ArrayList<TreeProblem>();
        graph.problems().stream().filter(p -> request.siteId().isEmpty() || siteOf(p.meterId()).equals(
                request.siteId())).forEach(problems::add);
        vs.stream().filter(v -> !v.usable() && (request.siteId().isEmpty() || v.siteId().equals(request.siteId())))
                .forEach(v -> problems.add(new TreeProblem(v.id(), "formula", v.error())));
        return new AuditReport(request.siteId(), request.from(), request.to(), findings, problems);
    }

    @Override
    public List<org.gridprint.api.allocation.AuditWindow> windows(AuditRequest request, String parent, int limit) {
        if (request.siteId().isEmpty()) {
            throw new IllegalArgumentException("the windows of parent '" + parent + "' need its site; expected --site");
        }
        var graph = graph();
        var vs = virtualMeters();
        var families = Families.of(graph, request.siteId(), vs);
        var family = families.stream().filter(f -> f.parent().equals(parent)).findFirst();
        if (family.isEmpty()) {
            var sites = new TreeSet<>(graph.sites());
            vs.forEach(v -> sites.add(v.siteId()));
            if (!sites.contains(request.siteId())) {
                throw new IllegalArgumentException("site '" + request.siteId() + "' has no declared meters; expected"
                        + " one of " + (sites.isEmpty() ? "(none)" : String.join(", ", sites)));
            }
            throw new IllegalArgumentException("'" + parent + "' is not audited on site " + request.siteId()
                    + " (not a meter with submeters, nor a virtual meter with subtracted terms); expected one of "
                    + (families.isEmpty() ? "(none)" : String.join(", ", families.stream().map(Family::parent)
                            .toList())));
        }
        var s = store;
        if (s == null) {
            throw new IllegalStateException("no emission window store: install gridprint-store-derby");
        }
        var zone = zone(request.siteId());
        var worst = new java.util.PriorityQueue<org.gridprint.api.allocation.AuditWindow>(
                java.util.Comparator.comparingLong(w -> Math.abs(w.unmeteredNano())));
        int keep = Math.max(1, limit);
        new AuditEngine(s).audit(request.siteId(), List.of(family.get()), settings(request.siteId()),
                request.from().atStartOfDay(zone).toInstant(), request.to().atStartOfDay(zone).toInstant(),
                (f, start, p, r, over) -> {
                    worst.add(new org.gridprint.api.allocation.AuditWindow(Instant.ofEpochMilli(start), p, p - r,
                            over));
                    if (worst.size() > keep) {
                        worst.poll();
                    }
                });
        var out = new ArrayList<>(worst);
        out.sort(java.util.Comparator.comparingLong((org.gridprint.api.allocation.AuditWindow w) ->
                Math.abs(w.unmeteredNano())).reversed().thenComparing(org.gridprint.api.allocation.AuditWindow::start));
        return out;
    }

    private String siteOf(String meterId) {
        var r = registry;
        return r == null ? "" : r.meter(meterId).map(Meter::siteId).orElse("");
    }

    @Override
    public void handleEvent(Event event) {
        var ids = event.getProperty(EventKeys.METER_IDS);
        var from = event.getProperty(EventKeys.FROM);
        var to = event.getProperty(EventKeys.TO);
        if (!(ids instanceof String[] meterIds) || !(from instanceof Long f) || !(to instanceof Long t) || t <= f) {
            return;
        }
        worker.submit("audit of new windows",
                () -> watch(Set.of(meterIds), Instant.ofEpochMilli(f), Instant.ofEpochMilli(t)));
    }

    /** Feeds the alarms with the windows of the families that contain any of {@code meterIds}. */
    public void watch(Set<String> meterIds, Instant from, Instant to) {
        var s = store;
        if (s == null) {
            return;
        }
        var earliest = to.minus(Duration.ofDays(ALARM_SPAN_DAYS));
        var start = from.isBefore(earliest) ? earliest : from;
        var graph = graph();
        logProblems(graph.problems());
        var vs = virtualMeters();
        var bySite = new HashMap<String, List<Family>>();
        var sites = new TreeSet<>(graph.sites());
        vs.forEach(v -> sites.add(v.siteId()));
        for (var site : sites) {
            for (var f : Families.of(graph, site, vs)) {
                boolean hit = f.parentTerms().stream().anyMatch(t -> meterIds.contains(t.meterId()))
                        || f.childTerms().stream().anyMatch(t -> meterIds.contains(t.meterId()))
                        || meterIds.contains(f.parent());
                if (hit) {
                    bySite.computeIfAbsent(site, k -> new ArrayList<>()).add(f);
                }
            }
        }
        for (var e : bySite.entrySet()) {
            var site = e.getKey();
            var observer = alarms.computeIfAbsent(site, k -> new UnmeteredAlarms(k, this::settings, this::publish,
                    clock));
            new AuditEngine(s).audit(site, e.getValue(), settings(site), start, to, observer);
        }
    }

    /** Logs each refused meter once (ERROR) while it stays refused; the tree and the audit list them too. */
    private void logProblems(List<TreeProblem> problems) {
        synchronized (loggedProblems) {
            var now = new java.util.HashSet<String>();
            for (var p : problems) {
                now.add(p.message());
                if (!loggedProblems.contains(p.message())) {
                    LOG.error("{} (left out of the meter tree and the audit until fixed)", p.message());
                }
            }
            loggedProblems.retainAll(now);
            loggedProblems.addAll(now);
        }
    }

    private void publish(Alarm alarm) {
        var sink = alarmSink;
        if (sink != null) {
            sink.accept(alarm);
            return;
        }
        var ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        }
    }
}
