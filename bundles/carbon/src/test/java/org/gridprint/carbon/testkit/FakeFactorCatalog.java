package org.gridprint.carbon.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.RecordRegister;

/**
 * A small {@link FactorCatalog} for pure-logic tests: series → factor versions added by the test; {@code select}
 * takes the version valid at the instant, else the latest published (greatest validFrom, {@code latestPublished});
 * the gwpSet argument is recorded in {@link #lastGwpSet()} but not applied (add per-GWP series if a test needs it).
 * {@code register} puts a simple sorted {@code key=value} text under register {@code factor}, key = id, and keeps
 * the version in memory for {@code byRef}. Thread-safe.
 */
public final class FakeFactorCatalog implements FactorCatalog {

    private final RecordRegister register;
    private final Map<String, List<FactorVersion>> series = new LinkedHashMap<>();
    private final TreeMap<String, FactorVersion> byId = new TreeMap<>();
    private final Map<Long, FactorVersion> byRef = new HashMap<>();
    private volatile String lastGwpSet = "";
    private int selects;

    public FakeFactorCatalog(RecordRegister register) {
        this.register = register;
    }

    /** Adds a version to a series (and to the catalog by id). */
    public synchronized FakeFactorCatalog add(String seriesId, FactorVersion version) {
        series.computeIfAbsent(seriesId, s -> new ArrayList<>()).add(version);
        byId.put(version.id(), version);
        return this;
    }

    /** A grid average g CO2e/kWh factor as published in g/kWh. */
    public static FactorVersion grid(String id, String region, String gramsPerKwh, Instant from, Instant to,
            String edition) {
        return new FactorVersion(id, FactorKind.GRID_AVERAGE, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, region,
                new BigDecimal(gramsPerKwh), "g/kWh", new BigDecimal(gramsPerKwh), "kWh", "AR4", "test source "
                        + id, edition, from, to, "catalog", false, "");
    }

    /** A grid gross loss fraction (Scope 3.3). */
    public static FactorVersion loss(String id, String region, String fraction, Instant from, Instant to,
            String edition) {
        return new FactorVersion(id, FactorKind.GRID_LOSS, Scope.SCOPE_3, AccountingMethod.LOCATION_BASED, region,
                new BigDecimal(fraction), "fraction", new BigDecimal(fraction), "kWh", "as published",
                "test source " + id, edition, from, to, "catalog", false, "");
    }

    /** A fuel factor in g CO2e per m³. */
    public static FactorVersion fuel(String id, String gramsPerM3, String gwpSet, Instant from, Instant to) {
        return new FactorVersion(id, FactorKind.FUEL, Scope.SCOPE_1, AccountingMethod.DIRECT, "",
                new BigDecimal(gramsPerM3), "g/m3", new BigDecimal(gramsPerM3), "m3", gwpSet, "test source " + id,
                "test edition", from, to, "catalog", false, "");
    }

    public String lastGwpSet() {
        return lastGwpSet;
    }

    public synchronized int selects() {
        return selects;
    }

    @Override
    public synchronized List<FactorVersion> factors(String filter) {
        return byId.values().stream().filter(f -> filter == null || filter.isEmpty() || f.id().contains(filter)
                || f.region().contains(filter) || f.edition().contains(filter) || f.source().contains(filter)).toList();
    }

    @Override
    public synchronized Optional<FactorVersion> factor(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<FactorVersion> byRef(long ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    @Override
    public synchronized Optional<Selection> select(String seriesId, Instant at, String gwpSet) {
        selects++;
        lastGwpSet = gwpSet;
        var versions = series.getOrDefault(seriesId, List.of());
        for (var v : versions) {
            if (v.validAt(at)) {
                return Optional.of(new Selection(v, register(v), false));
            }
        }
        return versions.stream().max(Comparator.comparing(FactorVersion::validFrom))
                .map(v -> new Selection(v, register(v), true));
    }

    @Override
    public synchronized long register(FactorVersion factor) {
        var text = text(factor);
        var record = register.put("factor", factor.id(), text, "initial");
        byRef.put(record.ref(), factor);
        byId.putIfAbsent(factor.id(), factor);
        return record.ref();
    }

    /** Sorted key=value lines of every field. */
    public static String text(FactorVersion f) {
        var m = new TreeMap<String, String>();
        m.put("id", f.id());
        m.put("kind", f.kind().name());
        m.put("scope", f.scope().name());
        m.put("method", f.method().name());
        m.put("region", f.region());
        m.put("publishedValue", f.publishedValue().toPlainString());
        m.put("publishedUnit", f.publishedUnit());
        m.put("gramsPerUnit", f.gramsPerUnit().toPlainString());
        m.put("perUnit", f.perUnit());
        m.put("gwpSet", f.gwpSet());
        m.put("source", f.source());
        m.put("edition", f.edition());
        m.put("validFrom", f.validFrom().toString());
        m.put("validTo", f.validTo().toString());
        m.put("provider", f.provider());
        m.put("estimated", Boolean.toString(f.estimated()));
        m.put("model", f.model());
        var sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ")).append('\n'));
        return sb.toString();
    }

    @Override
    public String policy() {
        return "test catalog: the version valid at the consumption instant, else the latest published";
    }
}
