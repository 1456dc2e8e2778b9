package org.gridprint.allocation.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One allocation rule of a site and dimension: which energy (pool) it splits and by which keys.
 *
 * @param name       unique within the site and dimension (default: the pool's text)
 * @param staticKeys FIXED, AREA, HEADCOUNT
 * @param occupancy  OCCUPANCY
 * @param meterKeys  RUNTIME, THERMAL
 */
public record Rule(String name, String siteId, String dimension, Pool pool, RuleMethod method,
        List<StaticKey> staticKeys, List<OccupancyKey> occupancy, List<MeterKey> meterKeys) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(method, "method");
        staticKeys = staticKeys == null ? List.of() : List.copyOf(staticKeys);
        occupancy = occupancy == null ? List.of() : List.copyOf(occupancy);
        meterKeys = meterKeys == null ? List.of() : List.copyOf(meterKeys);
    }

    /** The configuration fields of this rule in canonical form (lists sorted), what the rule set's text holds. */
    public Map<String, String> fields() {
        var f = new TreeMap<String, String>();
        f.put(RuleFields.SITE, siteId);
        f.put(RuleFields.DIMENSION, dimension);
        f.put(RuleFields.METHOD, method.configName());
        f.put(RuleFields.POOL, pool.text());
        if (pool instanceof Pool.Remainder r && !r.mains().isEmpty()) {
            f.put(RuleFields.MAIN, String.join(", ", r.mains()));
        }
        if (!method.keyField().isEmpty()) {
            List<String> entries = switch (method) {
                case FIXED, AREA, HEADCOUNT -> staticKeys.stream().map(StaticKey::text).toList();
                case OCCUPANCY -> occupancy.stream().map(OccupancyKey::text).toList();
                case RUNTIME, THERMAL -> meterKeys.stream().map(MeterKey::text).toList();
                case SUBMETER -> List.of();
            };
            f.put(method.keyField(), String.join(", ", entries));
        }
        return f;
    }

    /** The targets this rule's keys name, sorted (empty for SUBMETER: its targets are the meters' values). */
    public List<String> keyTargets() {
        var s = new java.util.TreeSet<String>();
        staticKeys.forEach(k -> s.add(k.target()));
        occupancy.forEach(k -> s.add(k.target()));
        meterKeys.forEach(k -> s.add(k.target()));
        return List.copyOf(s);
    }
}
