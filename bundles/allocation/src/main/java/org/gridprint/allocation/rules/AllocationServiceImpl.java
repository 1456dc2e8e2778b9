package org.gridprint.allocation.rules;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridprint.api.EventKeys;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Topics;
import org.gridprint.api.allocation.Allocation;
import org.gridprint.api.allocation.AllocationEvents;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationService;
import org.gridprint.api.allocation.TargetWindow;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocation service: versioned rule sets (register {@value RuleSet#REGISTER}, key {@code site/dimension}),
 * stored periods (register {@value StoredAllocation#REGISTER}, key {@code site/dimension/from/to}), one
 * {@code gridprint/allocations/COMPUTED} per computed period.
 * <ul>
 * <li>A period already stored is returned as stored (shares, totals, rule version) unless
 * {@link AllocationRequest#recalculate()}; its per-window parts are computed again with the stored rule version and
 * returned when their digest matches the stored one (the emission windows did not change since); otherwise the
 * windows list is empty and the difference is logged once (recalculate to allocate the changed windows).</li>
 * <li>A first computation stores version 1 (reason {@code computed}); a recalculation stores the next version with its
 * reason, computed with the rules as configured now (their text is put into the rule register first: a changed rule
 * set becomes its next version, an unchanged one stays).</li>
 * </ul>
 */
@Component(service = AllocationService.class, immediate = true)
public class AllocationServiceImpl implements AllocationService {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationServiceImpl.class);

    @Reference
    private EmissionWindowStore windows;

    @Reference
    private RecordRegister register;

    @Reference
    private ReadingStore readings;

    @Reference
    private MeterRegistry meters;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final List<RuleConfiguration> rules = new CopyOnWriteArrayList<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private Clock clock = Clock.systemUTC();
    /** Scan threads: the meters of a period are read in this many groups in parallel (one reader connection each). */
    private final int scanThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private volatile ExecutorService scanPool;

    /** For DS. */
    public AllocationServiceImpl() {
    }

    /** Plain wiring (tests, benchmarks). */
    public AllocationServiceImpl(EmissionWindowStore windows, RecordRegister register, ReadingStore readings,
            MeterRegistry meters, List<RuleConfiguration> rules, EventAdmin eventAdmin, Clock clock) {
        this.windows = windows;
        this.register = register;
        this.readings = readings;
        this.meters = meters;
        this.rules.addAll(rules);
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        var pool = scanPool;
        scanPool = null;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private synchronized ExecutorService scanPool() {
        if (scanPool == null && scanThreads > 1) {
            var n = new AtomicInteger();
            scanPool = Executors.newFixedThreadPool(scanThreads - 1, r -> {
                var t = new Thread(r, "gridprint-allocation-scan-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return scanPool;
    }

    private Computation compute(Plan plan, AllocationRequest request, java.time.ZoneId zone) {
        return Allocator.compute(plan, windows, readings, request.from(), request.to(), zone, scanPool(), scanThreads);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRule(RuleConfiguration rule) {
        rules.add(rule);
    }

    void removeRule(RuleConfiguration rule) {
        rules.remove(rule);
    }

    /** Replaces the rule configurations (plain wiring: a configuration changed). */
    public void setRules(List<RuleConfiguration> newRules) {
        rules.clear();
        rules.addAll(newRules);
    }

    /** The (site, dimension) pairs that have rules, as {@code site/dimension}, sorted. */
    public Set<String> configured() {
        var out = new TreeSet<String>();
        rules.forEach(r -> out.add(r.site() + "/" + r.dimension()));
        return out;
    }

    @Override
    public Allocation allocate(AllocationRequest request) {
        String key = StoredAllocation.key(request.siteId(), request.dimension(), request.from(), request.to());
        var stored = register.get(StoredAllocation.REGISTER, key);
        if (stored.isPresent() && !request.recalculate()) {
            return fromStored(request, key, stored.get());
        }
        if (request.recalculate() && request.reason().isBlank()) {
            throw new IllegalArgumentException("recalculating the allocation of " + request.siteId() + "/"
                    + request.dimension() + " " + request.from() + " .. " + request.to() + " needs a reason (what"
                    + " changed and why the stored version " + stored.map(RegisterRecord::version).orElse(0)
                    + " is replaced)");
        }
        var set = ruleSet(request.siteId(), request.dimension());
        var ruleRecord = register.put(RuleSet.REGISTER, set.key(), set.canonicalText(), "rules as configured");
        var plan = Plan.resolve(set, meters.meters());
        var c = compute(plan, request, request.zone());
        int expected = stored.map(RegisterRecord::version).orElse(0);
        String reason = request.recalculate() ? request.reason() : "computed";
        var now = clock.instant();
        var text = new StoredAllocation(expected + 1, now, request.zone(), reason, ruleRecord.ref(),
                ruleRecord.version(), c.digest(), c.totalEnergyWh(), c.totalLocationCo2eGrams(),
                c.totalMarketCo2eGrams(), c.totalRecWh(), c.shares(), c.windows().size(), c.sourceWindows(),
                c.sources()).text();
        var put = register.putIfVersion(StoredAllocation.REGISTER, key, text, reason, expected);
        if (put.isEmpty()) {
            var now2 = register.get(StoredAllocation.REGISTER, key);
            if (!request.recalculate() && now2.isPresent()) {
                return fromStored(request, key, now2.get());
            }
            throw new IllegalStateException("the allocation of " + key + " was stored by someone else meanwhile"
                    + " (version " + now2.map(RegisterRecord::version).orElse(0) + "); run it again");
        }
        var record = put.get();
        LOG.info("allocation {} version {} ({}): rule set version {}, {} source windows, {} Wh", key, record.version(),
                reason, ruleRecord.version(), c.sourceWindows(), c.totalEnergyWh());
        post(request, record.version(), ruleRecord, reason);
        return new Allocation(request, c.totalEnergyWh(), c.totalLocationCo2eGrams(), c.totalMarketCo2eGrams(),
                c.totalRecWh(), c.shares(), c.windows(), ruleRecord.ref(), ruleRecord.version(), record.version(), now);
    }

    private Allocation fromStored(AllocationRequest request, String key, RegisterRecord record) {
        var s = StoredAllocation.parse(key, record.ref(), record.text());
        List<TargetWindow> parts = List.of();
        var ruleRecord = register.byRef(s.ruleRef());
        if (ruleRecord.isEmpty()) {
            warnOnce(key + "#" + record.version(), "allocation {} version {}: its rule set (ref {}) is not in register"
                    + " {}; the stored shares are returned without windows", key, record.version(), s.ruleRef(),
                    RuleSet.REGISTER);
        } else {
            var set = RuleSet.parse(request.siteId(), request.dimension(), ruleRecord.get().text(), s.ruleRef());
            var c = compute(Plan.resolve(set, meters.meters()), request, s.zone());
            if (c.digest().equals(s.digest())) {
                parts = c.windows();
            } else {
                warnOnce(key + "#" + record.version(), "allocation {} version {}: the emission windows or meters"
                        + " changed since it was computed (digest {} now {}); the stored shares are returned without"
                        + " windows; recalculate with a reason to allocate the current windows", key,
                        record.version(), s.digest(), c.digest());
            }
        }
        return new Allocation(request, s.totalEnergyWh(), s.totalLocationCo2eGrams(), s.totalMarketCo2eGrams(),
                s.totalRecWh(), s.shares(), parts, s.ruleRef(), s.ruleVersion(), record.version(), s.computedAt());
    }

    private void warnOnce(String key, String format, Object... args) {
        if (warned.add(key)) {
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    /** The usable rule set of a site and dimension; unknown ones and bad configurations are refused by name. */
    RuleSet ruleSet(String siteId, String dimension) {
        var mine = new ArrayList<Rule>();
        Map<Rule, String> pids = new HashMap<>();
        var errors = new ArrayList<String>();
        for (var c : rules) {
            if (!c.site().equals(siteId) || !c.dimension().equals(dimension)) {
                continue;
            }
            c.rule().ifPresentOrElse(r -> {
                mine.add(r);
                pids.put(r, c.pid());
            }, () -> errors.add(c.error().orElse(c.pid() + ": not usable")));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("the allocation rules of " + siteId + "/" + dimension + " are not"
                    + " usable: " + String.join("; ", errors));
        }
        if (mine.isEmpty()) {
            var sites = new TreeSet<String>();
            var dims = new TreeSet<String>();
            rules.forEach(c -> {
                sites.add(c.site());
                if (c.site().equals(siteId)) {
                    dims.add(c.dimension());
                }
            });
            boolean knownSite = sites.contains(siteId)
                    || meters.meters().stream().anyMatch(m -> m.siteId().equals(siteId));
            if (!knownSite) {
                throw new IllegalArgumentException("unknown site '" + siteId + "': no meter and no allocation rule"
                        + " names it; sites with rules: " + (sites.isEmpty() ? "none" : String.join(", ", sites)));
            }
            throw new IllegalArgumentException("site " + siteId + " has no allocation rules for dimension '"
                    + dimension + "'; dimensions with rules: " + (dims.isEmpty() ? "none (configure "
                    + RuleFields.PID + ")" : String.join(", ", dims)));
        }
        return RuleSet.of(siteId, dimension, mine, pids);
    }

    private void post(AllocationRequest request, int version, RegisterRecord ruleRecord, String reason) {
        var ea = eventAdmin;
        if (ea == null) {
            return;
        }
        var props = new HashMap<String, Object>();
        props.put(AllocationEvents.SITE, request.siteId());
        props.put(AllocationEvents.DIMENSION, request.dimension());
        props.put(EventKeys.FROM, request.from().toEpochMilli());
        props.put(EventKeys.TO, request.to().toEpochMilli());
        props.put(AllocationEvents.VERSION, version);
        props.put(AllocationEvents.RULE_VERSION, ruleRecord.version());
        props.put(AllocationEvents.RULE_REF, ruleRecord.ref());
        props.put(AllocationEvents.REASON, reason);
        try {
            ea.postEvent(new Event(Topics.ALLOCATIONS_COMPUTED, props));
        } catch (RuntimeException e) {
            LOG.warn("could not post {}: {}", Topics.ALLOCATIONS_COMPUTED, e.toString());
        }
    }
}
