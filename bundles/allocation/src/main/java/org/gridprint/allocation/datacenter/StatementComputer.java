package org.gridprint.allocation.datacenter;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.allocation.ServerPowerModel;
import org.gridprint.api.allocation.StatementRequest;
import org.gridprint.api.allocation.StatementWindow;
import org.gridprint.api.allocation.TenantStatement;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.RecordRegister;

/**
 * Computes a tenant statement from the stored emission windows: {@link FacilityWindows} (the whole per window),
 * {@link ItEnergy} (each target's IT energy per window, measured and estimated), {@link PueSplit} per window,
 * {@link PeriodTotals} for the period, {@link Provenance} for factors and offsets. Windows are streamed: what is held
 * is a few numbers per window start and target, not the windows.
 */
final class StatementComputer {

    /** Register of the data-center configurations (canonical text), referenced by statements. */
    static final String REGISTER = "datacenter";

    private final EmissionWindowStore windows;
    private final ReadingStore readings;
    private final MeterRegistry registry;
    private final RecordRegister register;
    private final Provenance provenance;
    private final Clock clock;

    StatementComputer(EmissionWindowStore windows, ReadingStore readings, MeterRegistry registry, FactorCatalog catalog,
            RecordRegister register, InstrumentService instruments, Clock clock) {
        this.windows = windows;
        this.readings = readings;
        this.registry = registry;
        this.register = register;
        this.provenance = new Provenance(catalog, register, instruments);
        this.clock = clock;
    }

    TenantStatement compute(DataCenterDefinition dc, ZoneId zone, Map<String, ServerPowerModel> types,
            StatementRequest request) {
        var from = request.from().atStartOfDay(zone).toInstant();
        var to = request.to().atStartOfDay(zone).toInstant();
        checkMeters(dc, types);
        var it = ItMeters.resolve(dc, registry);
        var targetSet = new TreeSet<String>(dc.configuredTenants());
        targetSet.addAll(it.targets().values());
        targetSet.add(TenantStatement.UNASSIGNED);
        var targets = List.copyOf(targetSet);
        var tenant = request.tenant();
        if (!tenant.isEmpty() && (!targetSet.contains(tenant) || tenant.equals(TenantStatement.UNASSIGNED))) {
            var known = new TreeSet<>(targetSet);
            known.remove(TenantStatement.UNASSIGNED);
            throw new IllegalArgumentException("data center " + dc.id() + " has no tenant '" + tenant + "'; expected"
                    + " one of " + known);
        }
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < targets.size(); i++) {
            index.put(targets.get(i), i);
        }
        int unassigned = index.get(TenantStatement.UNASSIGNED);
        var findings = new ArrayList<String>(it.notes());

        var facility = FacilityWindows.scan(windows, dc.facilityMeters(), from, to);
        facility.findings(dc.facilityMeters().size(), findings);
        var itEnergy = ItEnergy.collect(windows, readings, dc, it, index, facility, types, from, to, findings);

        var totals = new PeriodTotals(targets);
        var tenantWindows = new ArrayList<StatementWindow>();
        int ti = tenant.isEmpty() ? -1 : index.get(tenant);
        long belowOne = 0;
        long noIt = 0;
        BigDecimal lowest = null;
        for (var e : facility.windows().entrySet()) {
            var f = e.getValue();
            var itParts = itEnergy.it(e.getKey());
            var est = itEnergy.estimated(e.getKey());
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
            if (ti >= 0) {
                tenantWindows.add(new StatementWindow(e.getKey(), f.end, f.energy, itSum, parts.it()[ti], est[ti],
                        parts.overhead()[ti], parts.location()[ti], parts.market()[ti], parts.rec()[ti]));
            }
        }
        if (belowOne > 0) {
            findings.add("PUE below 1 in " + belowOne + " windows (lowest " + lowest.toPlainString() + "): the IT"
                    + " meters read more than the facility meters; the overhead of those windows is negative, check"
                    + " the meters' CTs and scaling");
        }
        if (noIt > 0) {
            findings.add(noIt + " facility windows have no IT energy: their energy and CO2e stay "
                    + TenantStatement.UNASSIGNED);
        }
        var lines = totals.lines();
        var facilityLine = lines.get(lines.size() - 1);
        var targetLines = lines.subList(0, lines.size() - 1);
        var line = ti >= 0 ? targetLines.get(ti) : facilityLine;
        if (ti >= 0 && line.estimatedItWh() > 0) {
            findings.add(tenant + ": " + line.estimatedItWh() + " Wh of its IT energy is ESTIMATED from server"
                    + " utilisation and power models (not metered)");
        } else if (ti < 0 && facilityLine.estimatedItWh() > 0) {
            findings.add(facilityLine.estimatedItWh() + " Wh of the IT energy is ESTIMATED from server utilisation"
                    + " and power models (not metered)");
        }
        var factors = provenance.factors(facility);
        var offsets = provenance.offsets(dc, tenant, findings);
        long configRef = 0;
        if (register != null) {
            try {
                configRef = register.put(REGISTER, dc.id(), dc.canonical(), "configuration used by a statement").ref();
            } catch (IllegalStateException e) {
                findings.add("the configuration version could not be recorded: " + e.getMessage());
            }
        }
        return new TenantStatement(dc.id(), dc.siteId(), tenant, request.from(), request.to(), zone, line, targetLines,
                facilityLine, tenantWindows, facility.windows().size(), factors, offsets, findings, configRef,
                clock.instant());
    }

    /** Facility meters must be declared; every server's type must be configured. */
    private void checkMeters(DataCenterDefinition dc, Map<String, ServerPowerModel> types) {
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
    }
}
