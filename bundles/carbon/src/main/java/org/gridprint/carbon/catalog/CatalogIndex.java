package org.gridprint.carbon.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gridprint.api.carbon.FactorVersion;

/**
 * The catalog's factors, immutable, by id and by series. A series holds either <b>editions</b> (a factor per
 * consumption year, e.g. eGRID: the validity of each is derived from the editions the series has) or factors with an
 * explicit validity (fuels, operator factors). Each series may depend on the GWP set (eGRID CO2e, fuels) or not.
 *
 * <p>Edition policy (per series, consumption years in UTC): the factor of the edition for the consumption year;
 * a year after the latest edition of the series gets the latest one, a year before the earliest edition the earliest
 * one; both are marked {@code latestPublished}. So the latest edition is valid from the start of its year on
 * ({@link Instant#MAX}), the earliest from {@link Instant#MIN}, each other one for its year.
 */
final class CatalogIndex {

    /** What {@link #pick} chose: the entry (its factor and cached ref) and the policy flag. */
    record Pick(Entry entry, boolean latestPublished) {
        FactorVersion factor() {
            return entry.factor;
        }
    }

    /**
     * A factor in a series, with its consumption year's bounds (both null when not year-specific) and the ref under
     * which the catalog registered it (0 until then; one index belongs to one catalog and its register).
     */
    static final class Entry {
        final FactorVersion factor;
        final Instant yearStart;
        final Instant yearEnd;
        volatile long ref;

        Entry(FactorVersion factor, int year) {
            this.factor = factor;
            this.yearStart = year == 0 ? null : startOfYear(year);
            this.yearEnd = year == 0 ? null : startOfYear(year + 1);
        }

        boolean outsideYear(Instant at) {
            return yearStart != null && (at.isBefore(yearStart) || !at.isBefore(yearEnd));
        }
    }

    /** A factor before its validity is known, with the series and GWP sets it belongs to. */
    record Draft(String series, Set<String> gwpSets, int consumptionYear, FactorVersion factor) {
    }

    static final String ANY_GWP = "*";

    private final Map<String, FactorVersion> byId;
    /** series → GWP set (or {@link #ANY_GWP}) → entries by validFrom. */
    private final Map<String, Map<String, Entry[]>> bySeries;

    private CatalogIndex(Map<String, FactorVersion> byId, Map<String, Map<String, Entry[]>> bySeries) {
        this.byId = byId;
        this.bySeries = bySeries;
    }

    Collection<FactorVersion> all() {
        return byId.values();
    }

    Optional<FactorVersion> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The factor of {@code series} valid at {@code at} for {@code gwpSet} (canonical name), if any. */
    Optional<Pick> pick(String series, Instant at, String gwpSet) {
        var byGwp = bySeries.get(series);
        if (byGwp == null) {
            return Optional.empty();
        }
        var list = byGwp.get(gwpSet);
        if (list == null) {
            list = byGwp.get(ANY_GWP);
        }
        if (list == null) {
            return Optional.empty();
        }
        for (var e : list) {
            if (e.factor.validAt(at)) {
                return Optional.of(new Pick(e, e.outsideYear(at)));
            }
        }
        return Optional.empty();
    }

    static Instant startOfYear(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static FactorVersion withValidity(FactorVersion f, Instant from, Instant to) {
        return new FactorVersion(f.id(), f.kind(), f.scope(), f.method(), f.region(), f.publishedValue(),
                f.publishedUnit(), f.gramsPerUnit(), f.perUnit(), f.gwpSet(), f.source(), f.edition(), from, to,
                f.provider(), f.estimated(), f.model());
    }

    /**
     * Builds the index. Drafts with a consumption year get their validity from the years of their series; drafts with
     * year 0 keep theirs. An id must stand for one factor.
     *
     * @throws IllegalArgumentException an id given twice with different content, or two factors of one series and
     *                                  GWP set valid at the same time (naming both ids)
     */
    static CatalogIndex build(List<Draft> drafts) {
        Map<String, TreeSet<Integer>> yearsBySeries = new HashMap<>();
        for (var d : drafts) {
            if (d.consumptionYear() != 0) {
                yearsBySeries.computeIfAbsent(d.series(), k -> new TreeSet<>()).add(d.consumptionYear());
            }
        }
        var byId = new TreeMap<String, FactorVersion>();
        var entries = new HashMap<String, Entry>();
        var bySeries = new LinkedHashMap<String, List<Entry>>();
        for (var d : drafts) {
            var f = FactorText.canonical(d.factor());
            if (d.consumptionYear() != 0) {
                var years = yearsBySeries.get(d.series());
                var from = d.consumptionYear() == years.first() ? Instant.MIN : startOfYear(d.consumptionYear());
                var next = years.higher(d.consumptionYear());
                f = withValidity(f, from, next == null ? Instant.MAX : startOfYear(next));
            }
            var earlier = byId.putIfAbsent(f.id(), f);
            if (earlier != null && !earlier.equals(f)) {
                throw new IllegalArgumentException("factor id " + f.id() + " stands for two different factors");
            }
            var entry = entries.computeIfAbsent(f.id(), k -> new Entry(byId.get(k), d.consumptionYear()));
            for (var gwp : d.gwpSets()) {
                bySeries.computeIfAbsent(d.series() + "#" + gwp, k -> new ArrayList<>()).add(entry);
            }
        }
        var nested = new HashMap<String, Map<String, Entry[]>>();
        for (var e : bySeries.entrySet()) {
            var list = e.getValue();
            list.sort(Comparator.comparing((Entry x) -> x.factor.validFrom()).thenComparing(x -> x.factor.id()));
            var series = e.getKey().substring(0, e.getKey().lastIndexOf('#'));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).factor.validFrom().isBefore(list.get(i - 1).factor.validTo())) {
                    throw new IllegalArgumentException("series " + series + ": factors " + list.get(i - 1).factor.id()
                            + " and " + list.get(i).factor.id() + " are valid at the same time ("
                            + list.get(i).factor.validFrom() + ")");
                }
            }
            nested.computeIfAbsent(series, k -> new HashMap<>())
                    .put(e.getKey().substring(series.length() + 1), list.toArray(new Entry[0]));
        }
        return new CatalogIndex(Collections.unmodifiableMap(byId), Map.copyOf(nested));
    }
}
