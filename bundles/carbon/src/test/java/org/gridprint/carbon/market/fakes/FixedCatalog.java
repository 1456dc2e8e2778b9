package org.gridprint.carbon.market.fakes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.RecordRegister;

/**
 * A small {@link FactorCatalog} following the contract: factors by series with validity, registered in a
 * {@link RecordRegister} under register {@code factor} (key = id), refs resolvable by {@link #byRef}.
 */
public final class FixedCatalog implements FactorCatalog {

    private final RecordRegister register;
    private final Map<String, List<FactorVersion>> series = new LinkedHashMap<>();
    private final Map<Long, FactorVersion> refs = new java.util.HashMap<>();
    /** Series whose selection says latestPublished. */
    public final java.util.Set<String> latestPublished = new java.util.HashSet<>();

    public FixedCatalog(RecordRegister register) {
        this.register = register;
    }

    /** Adds a g/kWh factor of {@code kind} to a series, valid over all time. */
    public FactorVersion add(String seriesId, String id, FactorKind kind, String gramsPerKwh) {
        var f = new FactorVersion(id, kind, Scope.SCOPE_2, kind == FactorKind.GRID_AVERAGE
                ? AccountingMethod.LOCATION_BASED : AccountingMethod.MARKET_BASED, "R", new BigDecimal(gramsPerKwh),
                "g/kWh", new BigDecimal(gramsPerKwh), "kWh", "AR4", "test source", "test edition", Instant.EPOCH,
                Instant.MAX, "catalog", false, "");
        series.computeIfAbsent(seriesId, k -> new ArrayList<>()).add(f);
        return f;
    }

    @Override
    public List<FactorVersion> factors(String filter) {
        return series.values().stream().flatMap(List::stream).filter(f -> f.id().contains(filter)).toList();
    }

    @Override
    public Optional<FactorVersion> factor(String id) {
        return factors("").stream().filter(f -> f.id().equals(id)).findFirst();
    }

    @Override
    public Optional<FactorVersion> byRef(long ref) {
        return Optional.ofNullable(refs.get(ref));
    }

    @Override
    public Optional<Selection> select(String seriesId, Instant at, String gwpSet) {
        return series.getOrDefault(seriesId, List.of()).stream().filter(f -> f.validAt(at)).findFirst()
                .map(f -> new Selection(f, register(f), latestPublished.contains(seriesId)));
    }

    @Override
    public long register(FactorVersion factor) {
        var text = "gramsPerUnit=" + factor.gramsPerUnit().toPlainString() + "\nid=" + factor.id() + "\nkind="
                + factor.kind() + "\nperUnit=" + factor.perUnit() + "\nprovider=" + factor.provider() + "\n";
        long ref = register.put("factor", factor.id(), text, "initial").ref();
        refs.put(ref, factor);
        return ref;
    }

    @Override
    public String policy() {
        return "test policy";
    }
}
