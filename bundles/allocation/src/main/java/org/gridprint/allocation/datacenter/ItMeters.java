package org.gridprint.allocation.datacenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.allocation.TenantStatement;

/**
 * The IT meters of a data center and the target each counts for: the configured ones (tenant lists and unassigned
 * IT) and, with {@code itByTenantTag}, every meter of the site with an IT asset type (its tenant tag, or unassigned).
 * A configured meter must be declared; two configured meters where one is a submeter of the other are refused (the
 * energy would count twice); among meters found by tag only the lowest level counts (a UPS whose PDUs are IT meters
 * is left out: its losses are overhead).
 */
final class ItMeters {

    /** Meter id → target, by meter id. */
    private final Map<String, String> targets;
    private final List<String> notes;

    private ItMeters(Map<String, String> targets, List<String> notes) {
        this.targets = targets;
        this.notes = notes;
    }

    Map<String, String> targets() {
        return targets;
    }

    List<String> notes() {
        return notes;
    }

    static ItMeters resolve(DataCenterDefinition dc, MeterRegistry registry) {
        var configured = new LinkedHashMap<String, String>();
        dc.itMeters().forEach((tenant, meters) -> meters.forEach(m -> configured.put(m, tenant)));
        dc.unassignedItMeters().forEach(m -> configured.put(m, TenantStatement.UNASSIGNED));
        var notes = new ArrayList<String>();
        if (registry != null) {
            for (var e : configured.entrySet()) {
                if (registry.meter(e.getKey()).isEmpty()) {
                    var field = TenantStatement.UNASSIGNED.equals(e.getValue()) ? "unassignedItMeters" : "itMeters";
                    throw new IllegalArgumentException(DataCenterConfigParser.PID + " '" + dc.id() + "': field " + field
                            + " names meter " + e.getKey() + (field.equals("itMeters") ? " of tenant " + e.getValue()
                                    : "") + ", which is not declared (org.gridprint.meter); expected a declared meter"
                            + " id");
                }
            }
            for (var m : configured.keySet()) {
                var above = ancestorIn(registry, m, configured);
                if (above.isPresent()) {
                    throw new IllegalArgumentException(DataCenterConfigParser.PID + " '" + dc.id() + "': IT meter " + m
                            + " is a submeter of IT meter " + above.get() + "; expected only one of them (its energy"
                            + " would count twice)");
                }
            }
        }
        var all = new TreeMap<String, String>(configured);
        if (dc.itByTenantTag() && registry != null) {
            var tagged = new TreeMap<String, String>();
            for (Meter m : registry.meters()) {
                if (!m.siteId().equals(dc.siteId()) || all.containsKey(m.id()) || dc.facilityMeters().contains(m.id())
                        || dc.servers().stream().anyMatch(s -> s.meterId().equals(m.id()))
                        || !dc.itAssetTypes().contains(m.assetType().trim().toUpperCase(java.util.Locale.ROOT))) {
                    continue;
                }
                tagged.put(m.id(), m.tenant().isBlank() ? TenantStatement.UNASSIGNED : m.tenant().trim());
            }
            var candidates = new TreeMap<String, String>(tagged);
            candidates.putAll(configured);
            for (var m : new ArrayList<>(tagged.keySet())) {
                if (ancestorIn(registry, m, configured).isPresent()) {
                    tagged.remove(m); // inside a configured IT meter: counted there
                    notes.add("IT meter " + m + " (tenant tag) is a submeter of a configured IT meter: not counted");
                }
            }
            for (var m : new ArrayList<>(tagged.keySet())) {
                for (var other : candidates.keySet()) {
                    if (!other.equals(m) && ancestorIn(registry, other, Map.of(m, "")).isPresent()
                            && tagged.containsKey(m)) {
                        tagged.remove(m); // a parent of another IT meter: its children count
                        notes.add("IT meter " + m + " (tenant tag) has IT submeters (" + other + "): counted through"
                                + " them, its own losses are overhead");
                    }
                }
            }
            all.putAll(tagged);
        }
        return new ItMeters(java.util.Collections.unmodifiableMap(all), List.copyOf(notes));
    }

    /** The nearest ancestor of {@code meterId} (by parentId, at most 64 levels) that is a key of {@code set}. */
    private static Optional<String> ancestorIn(MeterRegistry registry, String meterId, Map<String, String> set) {
        var current = registry.meter(meterId);
        for (int depth = 0; depth < 64 && current.isPresent(); depth++) {
            var parent = current.get().parentId();
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            if (set.containsKey(parent.get())) {
                return parent;
            }
            current = registry.meter(parent.get());
        }
        return Optional.empty();
    }
}
