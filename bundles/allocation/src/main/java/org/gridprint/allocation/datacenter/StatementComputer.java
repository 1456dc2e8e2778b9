package org.gridprint.allocation.datacenter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.allocation.FactorUse;
import org.gridprint.api.allocation.ServerPowerModel;
import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.StatementRequest;
import org.gridprint.api.allocation.StatementWindow;
import org.gridprint.api.allocation.TenantStatement;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.carbon.Offset;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.WindowQuery;

/**
 * Computes a tenant statement from the stored emission windows: the facility meters' Scope 2 windows (energy of the
 * location-based twin, CO2e of both twins, certificate-covered energy of the market-based twin) define the period's
 * windows; the IT meters' windows and the estimated servers give each target's IT energy per window; {@link PueSplit}
 * splits each window and {@link PeriodTotals} rounds the period. Windows are streamed (a map per window start holds a
 * few numbers per target, not the windows).
 */
final class StatementComputer {

    /** Register of the data-center configurations (canonical text), referenced by statements. */
    static final String REGISTER = "datacenter";

    private final EmissionWindowStore windows;
    private final ReadingStore readings;
    private final MeterRegistry registry;
    private final FactorCatalog catalog;
    private final RecordRegister register;
    private final InstrumentService instruments;
    private final Clock clock;

    StatementComputer(EmissionWindowStore windows, ReadingStore readings, MeterRegistry registry, FactorCatalog catalog,
            RecordRegister register, InstrumentService instruments, Clock clock) {
        this.windows = windows;
        this.readings = readings;
        this.registry = registry;
        this.catalog = catalog;
        this.register = register;
        this.instruments = instruments;
        this.clock = clock;
    }

    /** Facility figures of one window start while the facility windows are read. */
    private static final class FacilityWindow {
        Instant end;
        long energy;
        long location;
        long market;
        long rec;
        int locationMeters;
        int marketMeters;
    }

    TenantStatement compute(DataCenterDefinition dc, ZoneId zone, Map<String, ServerPowerModel> types,
            StatementRequest request) {
        var from = request.from().atStartOfDay(zone).toInstant();
        var to = request.to().atStartOfDay(zone).toInstant();
        if (registry != null) {
            for (var m : dc.facilityMeters()) {
                if (registry.meter(m).isEmpty()) {
                    throw new IllegalArgumentException(DataCenterConfigParser.PID + " '" + dc.id() + "': field"
                            + " facilityMeters names meter " + m + ", which is not declared (org.gridprint.meter);"
                            + " expected a declared meter id");
                }
            }
        }
        for (var s : dc.servers()) {
            if (!types.containsKey(s.type())) {
                throw new IllegalArgumentException(DataCenterConfigParser.PID + " '" + dc.id() + "': field servers"
                        + " gives server " + s.meterId() + " of tenant " + s.tenant() + " the type '" + s.type()
                        + "', which is not configured (" + ServerTypeParser.PID + "); expected one of "
                        + (types.isEmpty() ? "(none configured)" : new TreeSet<>(types.keySet())));
            }
        }
        var it = ItMeters.resolve(dc, registry);
        var targetSet = new TreeSet<String>(dc.configuredTenants());
        targetSet.addAll(it.targets().values());
        targetSet.add(TenantStatement.UNASSIGNED);
        var targets = List.copyOf(targetSet);
        var tenant = request.tenant();
        if (!tenant.isEmpty() && (!targetSet.contains(tenant) || tenant.equals(TenantStatement.UNASSIGNED))) {
            var known = new TreeSet<>(targetSet);
            known.remove(TenantStatement.UNASSIGNED);
            throw new IllegalArgumentException("data center " + dc.id() + " has no tenant '" + tenant + "'; expected one"
                    + " of " + known);
        }
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < targets.size(); i++) {
            index.put(targets.get(i), i);
        }
        int unassigned = index.get(TenantStatement.UNASSIGNED);
        var findings = new ArrayList<String>(it.notes());

        // 1. facility windows (Scope 2 twins of the utility mains)
        var facility = new TreeMap<Instant, FacilityWindow>();
        var locationRefs = new TreeMap<Long, Long>();
        var marketRefs = new TreeMap<Long, Long>();
        var instrumentRefs = new TreeMap<Long, Long>();
        var excluded = new long[1];
        var flagged = new TreeMap<WindowFlag, Long>();
        windows.scanWindows(new WindowQuery(from, to, Set.copyOf(dc.facilityMeters()), "", Optional.of(Scope.SCOPE_2),
                Optional.empty()), w -> {
                    if (w.quantity() != Quantity.ACTIVE_ENERGY_IMPORT) {
                        return true;
                    }
                    if (!w.counted()) {
                        excluded[0]++;
                        return true;
                    }
                    var f = facility.computeIfAbsent(w.start(), s -> new FacilityWindow());
                    f.end = w.end();
                    if (w.method() == AccountingMethod.LOCATION_BASED) {
                        f.energy += w.amountNano();
                        f.location += w.co2eMicrograms();
                        f.locationMeters++;
                        locationRefs.merge(w.factorRef(), 1L, Long::sum);
                        for (var flag : w.flags()) {
                            if (flag == WindowFlag.FROM_POWER || flag == WindowFlag.CORRECTED
                                    || flag == WindowFlag.GAP_SPANNED || flag == WindowFlag.PROVIDER_ESTIMATED
                                    || flag == WindowFlag.FORECAST || flag == WindowFlag.LATEST_PUBLISHED) {
                                flagged.merge(flag, 1L, Long::sum);
                            }
                        }
                    } else if (w.method() == AccountingMethod.MARKET_BASED) {
                        f.market += w.co2eMicrograms();
                        f.rec += w.coveredNano();
                        f.marketMeters++;
                        marketRefs.merge(w.factorRef(), 1L, Long::sum);
                        if (w.instrumentRef() != 0) {
                            instrumentRefs.merge(w.instrumentRef(), 1L, Long::sum);
                        }
                    }
                    return true;
                });
        if (excluded[0] > 0) {
            findings.add(excluded[0] + " facility windows are SUSPECT_SPIKE and not accepted: left out of the"
                    + " statement (gridprint:suspects)");
        }
        int facilityMeters = dc.facilityMeters().size();
        long incomplete = facility.values().stream()
                .filter(f -> f.locationMeters < facilityMeters || f.marketMeters < facilityMeters).count();
        if (incomplete > 0) {
            findings.add(incomplete + " windows lack a location- or market-based window of one of the " + facilityMeters
                    + " facility meters: the facility energy or CO2e of those windows is understated");
        }
        flagged.forEach((flag, n) -> findings.add(n + " facility windows are flagged " + flag + " (see"
                + " gridprint:emissions --sources)"));

        // 2. IT energy per window start and target (measured)
        var itByStart = new HashMap<Instant, long[]>();
        var outside = new long[targets.size()];
        var windowsPerMeter = new TreeMap<String, Long>();
        if (!it.targets().isEmpty()) {
            windows.scanWindows(new WindowQuery(from, to, it.targets().keySet(), "", Optional.of(Scope.SCOPE_2),
                    Optional.of(AccountingMethod.LOCATION_BASED)), w -> {
                        if (w.quantity() != Quantity.ACTIVE_ENERGY_IMPORT || !w.counted()) {
                            return true;
                        }
                        int t = index.get(it.targets().get(w.meterId()));
                        windowsPerMeter.merge(w.meterId(), 1L, Long::sum);
                        if (!facility.containsKey(w.start())) {
                            outside[t] += w.amountNano();
                            return true;
                        }
                        itByStart.computeIfAbsent(w.start(), s -> new long[targets.size()])[t] += w.amountNano();
                        return true;
                    });
        }
        for (var m : it.targets().keySet()) {
            long have = windowsPerMeter.getOrDefault(m, 0L);
            if (have < facility.size()) {
                findings.add("IT meter " + m + " (" + it.targets().get(m) + ") has no counted window in "
                        + (facility.size() - have) + " of the " + facility.size() + " facility windows (missing, or an"
                        + " unaccepted SUSPECT_SPIKE): counted as 0 kWh there (its target's share of those windows is"
                        + " understated)");
            }
        }
        for (int t = 0; t < targets.size(); t++) {
            if (outside[t] > 0) {
                findings.add(String.format(java.util.Locale.ROOT, "%s: %.3f kWh of IT energy lies in windows without"
                        + " facility energy (not accounted)", targets.get(t), outside[t] / 1e9));
            }
        }

        // 3. estimated servers
        var grid = new ArrayList<ServerEnergy.Span>(facility.size());
        facility.forEach((start, f) -> grid.add(new ServerEnergy.Span(start, f.end)));
        var starts = new ArrayList<>(facility.keySet());
        var estByStart = new HashMap<Instant, long[]>();
        for (var s : dc.servers()) {
            var list = new ArrayList<Reading>();
            Optional<Reading> before = Optional.empty();
            if (readings != null && !grid.isEmpty()) {
                before = readings.latestBefore(s.meterId(), Quantity.UTILISATION, from);
                readings.scan(s.meterId(), Quantity.UTILISATION, from, to, list::add);
            }
            var r = ServerEnergy.estimate(types.get(s.type()), before, list, dc.serverGapSeconds() * 1000, grid);
            int t = index.get(s.tenant());
            for (int k = 0; k < starts.size(); k++) {
                if (r.nano()[k] != 0) {
                    estByStart.computeIfAbsent(starts.get(k), x -> new long[targets.size()])[t] += r.nano()[k];
                    itByStart.computeIfAbsent(starts.get(k), x -> new long[targets.size()])[t] += r.nano()[k];
                }
            }
            if (r.skippedReadings() > 0) {
                findings.add("server " + s.meterId() + ": " + r.skippedReadings() + " utilisation readings BAD or"
                        + " outside 0..100 % were skipped");
            }
            if (readings == null || (list.isEmpty() && before.isEmpty() && !grid.isEmpty())) {
                findings.add("server " + s.meterId() + " (" + s.tenant() + ") has no utilisation readings in the"
                        + " period: estimated 0 kWh");
            }
        }

        // 4. split each window, sum the period
        var totals = new PeriodTotals(targets);
        var zero = new long[targets.size()];
        var tenantWindows = new ArrayList<StatementWindow>();
        int tenantIndex = tenant.isEmpty() ? -1 : index.get(tenant);
        long belowOne = 0;
        long noIt = 0;
        java.math.BigDecimal lowest = null;
        for (var e : facility.entrySet()) {
            var f = e.getValue();
            var itParts = itByStart.getOrDefault(e.getKey(), zero);
            var est = estByStart.getOrDefault(e.getKey(), zero);
            var parts = PueSplit.split(f.energy, f.location, f.market, f.rec, itParts, unassigned);
            totals.add(parts, est);
            long itSum = 0;
            for (long v : itParts) {
                itSum += v;
            }
            if (itSum == 0) {
                noIt++;
            } else if (f.energy < itSum) {
                belowOne++;
                var p = PeriodTotals.pue(f.energy, itSum).orElseThrow();
                lowest = lowest == null || p.compareTo(lowest) < 0 ? p : lowest;
            }
            if (tenantIndex >= 0) {
                tenantWindows.add(new StatementWindow(e.getKey(), f.end, f.energy, itSum, parts.it()[tenantIndex],
                        est[tenantIndex], parts.overhead()[tenantIndex], parts.location()[tenantIndex],
                        parts.market()[tenantIndex], parts.rec()[tenantIndex]));
            }
        }
        if (belowOne > 0) {
            findings.add("PUE below 1 in " + belowOne + " windows (lowest " + lowest.toPlainString() + "): the IT meters"
                    + " read more than the facility meters; the overhead of those windows is negative, check the"
                    + " meters' CTs and scaling");
        }
        if (noIt > 0) {
            findings.add(noIt + " facility windows have no IT energy: their energy and CO2e stay "
                    + TenantStatement.UNASSIGNED);
        }
        if (facility.isEmpty()) {
            findings.add("no facility windows in the period: nothing to split (are the facility meters' emission"
                    + " windows computed? gridprint:emissions --by meter)");
        }
        var lines = totals.lines();
        var facilityLine = lines.get(lines.size() - 1);
        var targetLines = lines.subList(0, lines.size() - 1);
        StatementLine line = tenantIndex >= 0 ? targetLines.get(tenantIndex) : facilityLine;
        if (tenantIndex >= 0 && line.estimatedItWh() > 0) {
            findings.add(tenant + ": " + line.estimatedItWh() + " Wh of its IT energy is ESTIMATED from server"
                    + " utilisation and power models (not metered)");
        } else if (tenantIndex < 0 && facilityLine.estimatedItWh() > 0) {
            findings.add(facilityLine.estimatedItWh() + " Wh of the IT energy is ESTIMATED from server utilisation and"
                    + " power models (not metered)");
        }

        // 5. provenance, offsets, configuration version
        var factors = new ArrayList<FactorUse>();
        locationRefs.forEach((ref, n) -> factors.add(factor(ref, AccountingMethod.LOCATION_BASED, n)));
        marketRefs.forEach((ref, n) -> factors.add(factor(ref, AccountingMethod.MARKET_BASED, n)));
        instrumentRefs.forEach((ref, n) -> factors.add(instrument(ref, n)));
        var offsets = offsets(dc, tenant, findings);
        long configRef = 0;
        if (register != null) {
            try {
                configRef = register.put(REGISTER, dc.id(), dc.canonical(), "configuration used by a statement").ref();
            } catch (IllegalStateException e) {
                findings.add("the configuration version could not be recorded: " + e.getMessage());
            }
        }
        return new TenantStatement(dc.id(), dc.siteId(), tenant, request.from(), request.to(), zone, line, targetLines,
                facilityLine, tenantWindows, facility.size(), factors, offsets, findings, configRef, clock.instant());
    }

    private FactorUse factor(long ref, AccountingMethod method, long n) {
        if (ref == 0) {
            return new FactorUse(0, method, "(no factor: window not priced)", "", "", n);
        }
        if (catalog != null) {
            var f = catalog.byRef(ref);
            if (f.isPresent()) {
                return new FactorUse(ref, method, f.get().id(), f.get().edition(), f.get().source(), n);
            }
        }
        if (register != null) {
            var r = register.byRef(ref);
            if (r.isPresent()) {
                return new FactorUse(ref, method, r.get().key(), field(r.get().text(), "edition"),
                        field(r.get().text(), "source"), n);
            }
        }
        return new FactorUse(ref, method, "(ref " + ref + " unknown)", "", "", n);
    }

    private FactorUse instrument(long ref, long n) {
        if (register != null) {
            var r = register.byRef(ref);
            if (r.isPresent()) {
                return new FactorUse(ref, AccountingMethod.MARKET_BASED, "instrument " + r.get().key(), "v"
                        + r.get().version(), field(r.get().text(), "source"), n);
            }
        }
        return new FactorUse(ref, AccountingMethod.MARKET_BASED, "instrument (ref " + ref + ")", "", "", n);
    }

    /** The value of a {@code key=value} line of a register text, or empty. */
    static String field(String text, String key) {
        for (var l : text.split("\n")) {
            if (l.startsWith(key + "=")) {
                return l.substring(key.length() + 1).trim();
            }
        }
        return "";
    }

    private List<Offset> offsets(DataCenterDefinition dc, String tenant, List<String> findings) {
        if (tenant.isEmpty()) {
            return List.of();
        }
        var serials = dc.offsets().getOrDefault(tenant, List.of());
        if (serials.isEmpty()) {
            return List.of();
        }
        if (instruments == null) {
            findings.add("offsets of " + tenant + " not shown: the instrument service is not available");
            return List.of();
        }
        var bySerial = new HashMap<String, Offset>();
        for (var o : instruments.offsets()) {
            bySerial.put(o.serial(), o);
        }
        var out = new ArrayList<Offset>();
        for (var serial : serials) {
            var o = bySerial.get(serial);
            if (o == null) {
                findings.add("offset " + serial + " assigned to " + tenant + " is not registered (gridprint:offset-add)");
            } else {
                out.add(o);
            }
        }
        return out;
    }
}
