package org.gridprint.allocation.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.allocation.AllocationShare;

/**
 * A computed period as register {@value #REGISTER} keeps it under {@code site/dimension/from/to}: the shares, the
 * totals, the rule version (ref) it was computed with, the digest of the per-window parts, the factor versions and
 * instruments of the allocated windows (register refs, consecutive ones as ranges) and why it was computed.
 * Canonical text: sorted {@code key=value} lines (shares numbered in target order).
 *
 * @param calculation 1 for the first computation, +1 per recalculation (the register version it is stored as)
 */
public record StoredAllocation(int calculation, Instant computedAt, ZoneId zone, String reason, long ruleRef,
        int ruleVersion, String digest, long totalEnergyWh, long totalLocationCo2eGrams, long totalMarketCo2eGrams,
        long totalRecWh, List<AllocationShare> shares, long targetWindows, long sourceWindows, Sources sources) {

    public static final String REGISTER = "allocation";

    public StoredAllocation {
        shares = List.copyOf(shares);
        reason = reason == null ? "" : reason;
        sources = sources == null ? Sources.none() : sources;
    }

    /** The register key of a period. */
    public static String key(String siteId, String dimension, Instant from, Instant to) {
        return siteId + "/" + dimension + "/" + from + "/" + to;
    }

    public String text() {
        var m = new TreeMap<String, String>();
        m.put("calculation", Integer.toString(calculation));
        m.put("computedAt", computedAt.toString());
        m.put("zone", zone.getId());
        m.put("reason", clean(reason));
        m.put("ruleRef", Long.toString(ruleRef));
        m.put("ruleVersion", Integer.toString(ruleVersion));
        m.put("digest", digest);
        m.put("total.energyWh", Long.toString(totalEnergyWh));
        m.put("total.locationCo2eGrams", Long.toString(totalLocationCo2eGrams));
        m.put("total.marketCo2eGrams", Long.toString(totalMarketCo2eGrams));
        m.put("total.recWh", Long.toString(totalRecWh));
        m.put("windows.target", Long.toString(targetWindows));
        m.put("windows.source", Long.toString(sourceWindows));
        m.put("sources.locationFactorRefs", Refs.text(sources.locationFactorRefs()));
        m.put("sources.marketFactorRefs", Refs.text(sources.marketFactorRefs()));
        m.put("sources.instrumentRefs", Refs.text(sources.instrumentRefs()));
        for (int i = 0; i < shares.size(); i++) {
            var s = shares.get(i);
            var p = String.format(Locale.ROOT, "share.%04d.", i + 1);
            m.put(p + "target", clean(s.target()));
            m.put(p + "energyWh", Long.toString(s.energyWh()));
            m.put(p + "locationCo2eGrams", Long.toString(s.locationCo2eGrams()));
            m.put(p + "marketCo2eGrams", Long.toString(s.marketCo2eGrams()));
            m.put(p + "recWh", Long.toString(s.recWh()));
            m.put(p + "basis", clean(s.basis()));
        }
        var sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static String clean(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    public static StoredAllocation parse(String key, long ref, String text) {
        var m = new TreeMap<String, String>();
        for (var line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            var shares = new ArrayList<AllocationShare>();
            for (int i = 1; m.containsKey(String.format(Locale.ROOT, "share.%04d.target", i)); i++) {
                var p = String.format(Locale.ROOT, "share.%04d.", i);
                shares.add(new AllocationShare(m.get(p + "target"), num(m, p + "energyWh"),
                        num(m, p + "locationCo2eGrams"), num(m, p + "marketCo2eGrams"), num(m, p + "recWh"),
                        m.getOrDefault(p + "basis", "")));
            }
            return new StoredAllocation((int) num(m, "calculation"), Instant.parse(m.get("computedAt")),
                    ZoneId.of(m.get("zone")), m.getOrDefault("reason", ""), num(m, "ruleRef"),
                    (int) num(m, "ruleVersion"), m.getOrDefault("digest", ""), num(m, "total.energyWh"),
                    num(m, "total.locationCo2eGrams"), num(m, "total.marketCo2eGrams"), num(m, "total.recWh"), shares,
                    num(m, "windows.target"), num(m, "windows.source"), new Sources(
                            Refs.parse(m.get("sources.locationFactorRefs")), Refs.parse(m.get("sources.marketFactorRefs")),
                            Refs.parse(m.get("sources.instrumentRefs"))));
        } catch (RuntimeException e) {
            throw new IllegalStateException("stored allocation " + key + " (register " + REGISTER + " ref " + ref
                    + ") is not readable: " + e.getMessage(), e);
        }
    }

    private static long num(Map<String, String> m, String key) {
        var v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("line '" + key + "' is missing");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line '" + key + "=" + v + "' is not a whole number");
        }
    }
}
