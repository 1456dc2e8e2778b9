package org.gridprint.allocation.tree;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.MeterTree;
import org.gridprint.api.allocation.TreeNode;
import org.gridprint.api.allocation.TreeProblem;
import org.gridprint.api.allocation.VirtualMeter;
import org.gridprint.api.allocation.VirtualMeterService;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.TotalsQuery;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@link MeterTree} over the declared meters, the virtual meters and the store's totals. */
@Component(service = MeterTree.class)
public class MeterTreeImpl implements MeterTree {

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
    volatile ConfigurationAdmin configAdmin;

    /** Zones for hand wiring (tests): overrides Config Admin when set. */
    volatile Function<String, ZoneId> zones;

    public MeterTreeImpl() {
    }

    /** Hand wiring (tests, benchmarks). */
    public MeterTreeImpl(MeterRegistry registry, EmissionWindowStore store, VirtualMeterService virtuals,
            Function<String, ZoneId> zones) {
        this.registry = registry;
        this.store = store;
        this.virtuals = virtuals;
        this.zones = zones;
    }

    MeterGraph graph() {
        var r = registry;
        return MeterGraph.of(r == null ? List.<Meter>of() : r.meters());
    }

    private List<VirtualMeter> virtualMeters() {
        var v = virtuals;
        return v == null ? List.of() : v.virtualMeters();
    }

    @Override
    public List<String> sites() {
        var ids = new TreeSet<String>();
        var r = registry;
        if (r != null) {
            r.meters().forEach(m -> ids.add(m.siteId()));
        }
        virtualMeters().forEach(v -> ids.add(v.siteId()));
        ids.remove("");
        return List.copyOf(ids);
    }

    @Override
    public ZoneId zone(String siteId) {
        var z = zones;
        return z != null ? z.apply(siteId) : SiteZones.zone(configAdmin, siteId);
    }

    @Override
    public TreeNode tree(String siteId, View view, LocalDate from, LocalDate to) {
        checkSite(siteId);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("tree period must end after it starts: " + from + " .. " + to);
        }
        var graph = graph();
        var vs = virtualMeters();
        var zone = zone(siteId);
        var ids = new HashSet<String>();
        graph.meters(siteId).forEach(m -> ids.add(m.id()));
        vs.stream().filter(v -> v.siteId().equals(siteId)).forEach(v -> ids.add(v.id()));
        var energy = energy(store, ids, from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant(), zone,
                Quantity.ACTIVE_ENERGY_IMPORT);
        return new TreeBuilder(graph, energy).build(siteId, view, vs);
    }

    /** Each meter's energy from the store's totals (Scope 2, location-based windows of one quantity). */
    public static Map<String, Energy> energy(EmissionWindowStore store, Set<String> meterIds, java.time.Instant from,
            java.time.Instant to, ZoneId zone, Quantity quantity) {
        var out = new HashMap<String, Energy>();
        if (store == null || meterIds.isEmpty()) {
            return out;
        }
        var totals = store.totals(new TotalsQuery(from, to, zone, List.of(TotalsQuery.GroupBy.METER,
                TotalsQuery.GroupBy.QUANTITY), meterIds, "", Optional.of(Scope.SCOPE_2),
                Optional.of(AccountingMethod.LOCATION_BASED), ""));
        for (var t : totals) {
            if (t.group().get(1).equals(quantity.name()) && t.windows() > 0) {
                out.put(t.group().get(0), new Energy(t.amountNano(), t.windows()));
            }
        }
        return out;
    }

    @Override
    public String export(String siteId, Format format) {
        checkSite(siteId);
        var graph = graph();
        return switch (format) {
            case HAYSTACK -> HaystackExport.of(siteId, zone(siteId), graph, virtualMeters());
            case BRICK -> BrickExport.of(siteId, graph, virtualMeters());
        };
    }

    @Override
    public List<TreeProblem> problems() {
        var out = new ArrayList<>(graph().problems());
        for (var v : virtualMeters()) {
            if (!v.usable()) {
                out.add(new TreeProblem(v.id(), "formula", v.error()));
            }
        }
        return out;
    }

    private void checkSite(String siteId) {
        var known = sites();
        if (!known.contains(siteId)) {
            throw new IllegalArgumentException("site '" + siteId + "' has no declared meters; expected one of "
                    + (known.isEmpty() ? "(none: declare meters with org.gridprint.meter configurations)"
                            : String.join(", ", known)));
        }
    }
}
