package org.gridprint.allocation.datacenter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.allocation.DataCenterInfo;
import org.gridprint.api.allocation.ServerPowerModel;
import org.gridprint.api.allocation.StatementFile;
import org.gridprint.api.allocation.StatementFormat;
import org.gridprint.api.allocation.StatementRequest;
import org.gridprint.api.allocation.TenantStatement;
import org.gridprint.api.allocation.TenantStatementService;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The tenant statement service over the configured data centers and server types. */
@Component(service = TenantStatementService.class)
public class TenantStatementServiceImpl implements TenantStatementService {

    @Reference
    EmissionWindowStore windows;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ReadingStore readings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MeterRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile FactorCatalog catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RecordRegister register;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile InstrumentService instruments;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin events;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    final List<DataCenterSite> sites = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    final List<ServerType> serverTypes = new CopyOnWriteArrayList<>();

    Clock clock = Clock.systemUTC();

    @Override
    public List<DataCenterInfo> dataCenters() {
        var out = new ArrayList<DataCenterInfo>();
        for (var s : sites) {
            var d = s.definition();
            if (d.isEmpty()) {
                out.add(new DataCenterInfo(s.id(), "", ZoneOffset.UTC, List.of(), List.of(), s.error()));
                continue;
            }
            var dc = d.get();
            var tenants = new TreeSet<String>(dc.configuredTenants());
            String error = "";
            try {
                tenants.addAll(ItMeters.resolve(dc, registry).targets().values());
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
            tenants.remove(TenantStatement.UNASSIGNED);
            out.add(new DataCenterInfo(dc.id(), dc.siteId(), SiteZones.zone(dc, configAdmin), List.copyOf(tenants),
                    dc.facilityMeters(), error));
        }
        out.sort(Comparator.comparing(DataCenterInfo::id));
        return out;
    }

    @Override
    public TenantStatement statement(StatementRequest request) {
        var site = find(request.dataCenter());
        if (site.definition().isEmpty()) {
            throw new IllegalArgumentException("data center " + site.id() + " has a configuration error: "
                    + site.error());
        }
        var dc = site.definition().get();
        for (var server : dc.servers()) {
            for (var t : serverTypes) {
                if (t.id().equals(server.type()) && t.model().isEmpty()) {
                    throw new IllegalArgumentException("data center " + dc.id() + ": server " + server.meterId()
                            + " has type " + server.type() + ", whose configuration has an error: " + t.error());
                }
            }
        }
        var computer = new StatementComputer(windows, readings, registry, catalog, register, instruments, clock);
        return computer.compute(dc, SiteZones.zone(dc, configAdmin), models(), request);
    }

    @Override
    public String render(TenantStatement statement, StatementFormat format) {
        return switch (format) {
            case TEXT -> StatementText.render(statement);
            case CSV -> StatementCsv.render(statement);
            case JSON -> StatementJson.render(statement);
        };
    }

    @Override
    public StatementFile write(TenantStatement statement, StatementFormat format, Path file, boolean force)
            throws IOException {
        var written = StatementFiles.write(file, render(statement, format), force);
        return IssuedStatements.record(statement, format, written, register, events);
    }

    /** The data center by id or site; empty: the only one. */
    private DataCenterSite find(String name) {
        var all = new ArrayList<>(sites);
        all.sort(Comparator.comparing(DataCenterSite::id));
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no data center is configured; expected a configuration of "
                    + DataCenterConfigParser.PID + " (etc/" + DataCenterConfigParser.PID + "-<name>.cfg)");
        }
        if (name.isEmpty()) {
            if (all.size() == 1) {
                return all.get(0);
            }
            throw new IllegalArgumentException("several data centers are configured; expected --site with one of "
                    + all.stream().map(DataCenterSite::id).toList());
        }
        for (var s : all) {
            if (s.id().equals(name)) {
                return s;
            }
        }
        var bySite = all.stream().filter(s -> s.definition().map(d -> d.siteId().equals(name)).orElse(false)).toList();
        if (bySite.size() == 1) {
            return bySite.get(0);
        }
        throw new IllegalArgumentException("data center or site '" + name + "' is not configured"
                + (bySite.size() > 1 ? " uniquely (several data centers are on it)" : "") + "; expected one of "
                + all.stream().map(DataCenterSite::id).toList());
    }

    private Map<String, ServerPowerModel> models() {
        var out = new TreeMap<String, ServerPowerModel>();
        for (var t : serverTypes) {
            t.model().ifPresent(m -> out.put(m.type(), m));
        }
        return out;
    }
}
