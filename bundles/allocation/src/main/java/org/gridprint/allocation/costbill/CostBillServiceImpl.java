package org.gridprint.allocation.costbill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.gridprint.allocation.tariff.SiteZones;
import org.gridprint.allocation.tariff.Tariff;
import org.gridprint.allocation.tariff.TariffConfiguration;
import org.gridprint.allocation.tariff.TariffResult;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationService;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.allocation.CostBill;
import org.gridprint.api.allocation.CostBillExport;
import org.gridprint.api.allocation.CostBillRequest;
import org.gridprint.api.allocation.CostBillService;
import org.gridprint.api.allocation.TargetWindow;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost-recovery bills: the site's tariff ({@link TariffConfiguration}, versioned in register {@value Tariff#REGISTER}
 * when used) applied by {@link CostBillCalculator} to each target's windows of {@link AllocationService#allocate}
 * (optional reference: without it a bill run is refused with that reason); each bill kept in register
 * {@value CostBillText#REGISTER}. The {@code (unallocated)} remainder is priced like a target (what no target is
 * billed for) but without the fixed charge, which is per target's bill.
 */
@Component(service = CostBillService.class, immediate = true)
public class CostBillServiceImpl implements CostBillService {

    private static final Logger LOG = LoggerFactory.getLogger(CostBillServiceImpl.class);

    @Reference
    private volatile RecordRegister register;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AllocationService allocations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;

    private final List<TariffConfiguration> tariffs = new CopyOnWriteArrayList<>();

    /** For DS. */
    public CostBillServiceImpl() {
    }

    /** Plain wiring (tests, tools); {@code allocations} may be null. */
    public CostBillServiceImpl(RecordRegister register, AllocationService allocations,
            List<TariffConfiguration> tariffs) {
        this.register = Objects.requireNonNull(register, "register");
        this.allocations = allocations;
        this.tariffs.addAll(tariffs);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTariff")
    public void addTariff(TariffConfiguration tariff) {
        tariffs.add(tariff);
    }

    public void removeTariff(TariffConfiguration tariff) {
        tariffs.remove(tariff);
    }

    @Override
    public List<CostBill> bills(CostBillRequest request) {
        Objects.requireNonNull(request, "request");
        var allocator = allocations;
        if (allocator == null) {
            throw new IllegalStateException("cost bills price the allocation of a site's energy, and no allocation"
                    + " service is running (the allocation rules component of org.gridprint.allocation)");
        }
        var tariff = tariff(request);
        var zone = tariff.zone().or(() -> SiteZones.zone(configAdmin, tariff.siteId())).orElseThrow(
                () -> new IllegalArgumentException("tariff " + tariff.id() + ": no time zone for site "
                        + tariff.siteId() + "; expected timeZone in " + TariffConfiguration.PID + " or a site"
                        + " configuration org.gridprint.carbon.site with id = " + tariff.siteId()));
        var from = request.from().atStartOfDay(zone).toInstant();
        var to = request.to().atStartOfDay(zone).toInstant();
        var site = tariff.siteId();
        var allocation = allocator.allocate(new AllocationRequest(site, request.dimension(), from, to, zone, false,
                ""));
        var reg = Objects.requireNonNull(register, "register");
        var tariffText = tariff.text(zone);
        var previous = reg.get(Tariff.REGISTER, tariff.id());
        var tariffRecord = reg.put(Tariff.REGISTER, tariff.id(), tariffText, previous.isEmpty()
                ? "first used by a cost bill" : "configuration changed (" + TariffConfiguration.PID + ")");
        var byTarget = new TreeMap<String, List<TargetWindow>>();
        allocation.shares().forEach(s -> byTarget.put(s.target(), new ArrayList<>()));
        for (var w : allocation.windows()) {
            byTarget.computeIfAbsent(w.target(), k -> new ArrayList<>()).add(w);
        }
        if (!request.target().isEmpty() && !byTarget.containsKey(request.target())) {
            throw new IllegalArgumentException("target '" + request.target() + "' has no share in the " + request
                    .dimension() + " allocation of site " + site + " for " + request.from() + " .. "
                    + request.to() + "; expected one of " + String.join(", ", byTarget.keySet()));
        }
        var out = new ArrayList<CostBill>();
        for (var e : byTarget.entrySet()) {
            if (!request.target().isEmpty() && !request.target().equals(e.getKey())) {
                continue;
            }
            var ws = e.getValue();
            ws.sort((a, b) -> a.start().compareTo(b.start()));
            var lines = CostBillCalculator.lines(e.getKey().equals(AllocationShare.UNALLOCATED)
                    ? tariff.withoutFixedCharge() : tariff, zone, ws);
            long energy = 0;
            long loc = 0;
            long mkt = 0;
            for (var w : ws) {
                energy += w.energyNano();
                loc += w.locationCo2eMicrograms();
                mkt += w.marketCo2eMicrograms();
            }
            var total = lines.get(lines.size() - 1).amount();
            var bill = new CostBill(site, request.dimension(), e.getKey(), from, to, zone,
                    tariff.currency(), lines, total, energy, loc, mkt, tariff.id(), tariffRecord.ref(),
                    tariffRecord.version(), allocation.version(), allocation.ruleRef(), allocation.ruleVersion(), 0,
                    0);
            var stored = reg.put(CostBillText.REGISTER, CostBillText.key(bill), CostBillText.format(bill),
                    "computed with tariff " + tariff.id() + " v" + tariffRecord.version() + ", allocation v"
                            + allocation.version());
            out.add(new CostBill(bill.siteId(), bill.dimension(), bill.target(), from, to, zone, bill.currency(),
                    lines, total, energy, loc, mkt, tariff.id(), tariffRecord.ref(), tariffRecord.version(),
                    allocation.version(), allocation.ruleRef(), allocation.ruleVersion(), stored.ref(),
                    stored.version()));
        }
        LOG.info("cost bills of site {} by {} for {} .. {}: {} bills, tariff {} v{}, allocation v{}", site, request.dimension(), request.from(), request.to(), out.size(), tariff.id(),
                tariffRecord.version(), allocation.version());
        return out;
    }

    private Tariff tariff(CostBillRequest request) {
        var site = request.siteId().strip();
        var valid = new ArrayList<Tariff>();
        var invalid = new ArrayList<String>();
        for (var c : tariffs) {
            var r = c.result();
            if (r instanceof TariffResult.Valid v && (site.isEmpty() || v.tariff().siteId().equals(site))) {
                valid.add(v.tariff());
            } else if (r instanceof TariffResult.Invalid i) {
                invalid.add(i.pid() + " (" + i.message() + ")");
            }
        }
        if (!request.tariffId().isEmpty()) {
            for (var t : valid) {
                if (t.id().equals(request.tariffId())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("tariff '" + request.tariffId() + "' is not a tariff of site " + site
                    + "; expected one of " + names(valid) + notUsable(invalid));
        }
        if (valid.size() == 1) {
            return valid.get(0);
        }
        if (site.isEmpty()) {
            throw new IllegalArgumentException(valid.isEmpty() ? "no tariff is configured; expected a configuration "
                    + TariffConfiguration.PID + " (id, site, rates)" + notUsable(invalid)
                    : "tariffs of several sites or several tariffs exist (" + names(valid) + "); expected the site"
                            + " (--site) and, if it has several, the tariff (--tariff)");
        }
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("site " + site + " has no tariff; expected a configuration "
                    + TariffConfiguration.PID + " with site = " + site + notUsable(invalid));
        }
        throw new IllegalArgumentException("site " + site + " has " + valid.size() + " tariffs (" + names(valid)
                + "); expected the one to apply named with --tariff");
    }

    private static String names(List<Tariff> ts) {
        return ts.isEmpty() ? "(none)" : ts.stream().map(Tariff::id).sorted().collect(Collectors.joining(", "));
    }

    private static String notUsable(List<String> invalid) {
        return invalid.isEmpty() ? "" : "; not usable: " + String.join("; ", invalid);
    }

    @Override
    public CostBillExport export(List<CostBill> bills, Path file, boolean force) throws IOException {
        Objects.requireNonNull(bills, "bills");
        Objects.requireNonNull(file, "file");
        var r = CostBillCsv.write(bills, file, force);
        LOG.info("exported {} cost bills ({} lines) to {}, sha256 {}", bills.size(), r.rows(), r.file(), r.sha256());
        return r;
    }
}
