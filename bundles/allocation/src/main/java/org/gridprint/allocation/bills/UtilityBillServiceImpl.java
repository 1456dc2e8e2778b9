package org.gridprint.allocation.bills;

import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.gridprint.api.IngestService;
import org.gridprint.api.allocation.BilledEnergy;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.SubmitReport;
import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.allocation.UtilityBillRecord;
import org.gridprint.api.allocation.UtilityBillRecords;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Utility bills in the ledgered register {@value BillText#REGISTER} (key {@code site/account/from}): the same bill
 * again is a duplicate; different values under the same key are a correction, stored as the next version with its
 * reason (refused without one). Meter logs are imported through the {@link IngestService} (optional: without it an
 * import is refused with that reason).
 */
@Component(service = {UtilityBillService.class, UtilityBillRecords.class}, immediate = true)
public class UtilityBillServiceImpl implements UtilityBillService, UtilityBillRecords {

    private static final Logger LOG = LoggerFactory.getLogger(UtilityBillServiceImpl.class);

    @Reference
    private volatile RecordRegister register;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IngestService ingest;

    /** For DS. */
    public UtilityBillServiceImpl() {
    }

    /** Plain wiring (tests, tools); {@code ingest} may be null. */
    public UtilityBillServiceImpl(RecordRegister register, IngestService ingest) {
        this.register = Objects.requireNonNull(register, "register");
        this.ingest = ingest;
    }

    private record Numbered(int index, UtilityBill bill) {
    }

    @Override
    public SubmitReport submitBills(List<UtilityBill> bills, String reason) {
        Objects.requireNonNull(bills, "bills");
        var numbered = new ArrayList<Numbered>();
        var errors = new ArrayList<ItemError>();
        for (int i = 0; i < bills.size(); i++) {
            if (bills.get(i) == null) {
                errors.add(new ItemError(i, "bill " + i, "", "the bill is null; expected a utility bill"));
            } else {
                numbered.add(new Numbered(i, bills.get(i)));
            }
        }
        return store(numbered, errors, reason);
    }

    @Override
    public SubmitReport submitBillsCsv(String fileName, Reader csv, String reason) {
        Objects.requireNonNull(csv, "csv");
        var name = fileName == null || fileName.isBlank() ? "(unnamed)" : fileName;
        var parsed = BillCsv.parse(name, csv);
        var numbered = new ArrayList<Numbered>();
        parsed.bills().forEach(b -> numbered.add(new Numbered(b.line(), b.bill())));
        var report = store(numbered, new ArrayList<>(parsed.errors()), reason);
        LOG.info("utility bills of {}: {} stored, {} already there, {} refused", name, report.accepted(),
                report.duplicates(), report.errors().size());
        return report;
    }

    private SubmitReport store(List<Numbered> bills, List<ItemError> errors, String reason) {
        var reg = Objects.requireNonNull(register, "register");
        var why = reason == null ? "" : reason.strip();
        int accepted = 0;
        int duplicates = 0;
        for (var n : bills) {
            var b = n.bill();
            var key = BillText.key(b);
            var item = "bill " + key;
            var problem = BillChecks.check(b);
            if (problem.isPresent()) {
                errors.add(new ItemError(n.index(), item, problem.get().field(), problem.get().reason()));
                continue;
            }
            if (RecordText.hasBreak(why)) {
                errors.add(new ItemError(n.index(), item, "reason", "the reason holds a line break; expected one"
                        + " line"));
                continue;
            }
            var text = BillText.format(b);
            try {
                var current = reg.get(BillText.REGISTER, key);
                if (current.isPresent() && current.get().text().equals(text)) {
                    duplicates++;
                    continue;
                }
                if (current.isPresent()) {
                    var stored = BillText.parse(current.get().text(), key);
                    if (!stored.siteId().equals(b.siteId()) || !stored.account().equals(b.account())) {
                        errors.add(new ItemError(n.index(), item, "account", "key " + key + " already holds the bill of"
                                + " site " + stored.siteId() + ", account " + stored.account() + "; expected an"
                                + " account without '/' that tells the two apart"));
                        continue;
                    }
                    if (why.isEmpty()) {
                        errors.add(new ItemError(n.index(), item, "reason", "bill " + key + " is stored (version "
                                + current.get().version() + ") with other values (" + changes(stored, b)
                                + "); a correction needs a reason"));
                        continue;
                    }
                }
                int expected = current.map(RegisterRecord::version).orElse(0);
                var written = reg.putIfVersion(BillText.REGISTER, key, text, why.isEmpty() ? "entered" : why,
                        expected);
                if (written.isEmpty()) {
                    errors.add(new ItemError(n.index(), item, "", "bill " + key + " was changed by another writer"
                            + " meanwhile; submit it again"));
                } else {
                    accepted++;
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                errors.add(new ItemError(n.index(), item, "", "not stored: " + e.getMessage()));
            }
        }
        errors.sort(Comparator.comparingInt(ItemError::index));
        return new SubmitReport(accepted, duplicates, errors);
    }

    /** What a correction changes, in words: {@code kwh 1000 -> 1100, cost 0 -> 180.5}. */
    private static String changes(UtilityBill a, UtilityBill b) {
        var out = new ArrayList<String>();
        if (!a.supplier().equals(b.supplier())) {
            out.add("supplier " + a.supplier() + " -> " + b.supplier());
        }
        if (!a.to().equals(b.to())) {
            out.add("to " + a.to() + " -> " + b.to());
        }
        if (a.kwh().compareTo(b.kwh()) != 0) {
            out.add("kwh " + BillText.plain(a.kwh()) + " -> " + BillText.plain(b.kwh()));
        }
        if (a.cost().compareTo(b.cost()) != 0) {
            out.add("cost " + BillText.plain(a.cost()) + " -> " + BillText.plain(b.cost()));
        }
        if (!a.currency().equals(b.currency())) {
            out.add("currency " + a.currency() + " -> " + b.currency());
        }
        return String.join(", ", out);
    }

    @Override
    public List<UtilityBill> bills(String siteId) {
        return records(siteId).stream().map(UtilityBillRecord::bill).toList();
    }

    @Override
    public List<UtilityBillRecord> records(String siteId) {
        var site = siteId == null ? "" : siteId.strip();
        var out = new ArrayList<UtilityBillRecord>();
        for (var r : Objects.requireNonNull(register, "register").list(BillText.REGISTER)) {
            var rec = record(r);
            if (site.isEmpty() || rec.bill().siteId().equals(site)) {
                out.add(rec);
            }
        }
        out.sort(Comparator.comparing((UtilityBillRecord r) -> r.bill().siteId())
                .thenComparing(r -> r.bill().from()).thenComparing(r -> r.bill().account()));
        return out;
    }

    @Override
    public List<UtilityBillRecord> history(String siteId, String account, LocalDate from) {
        var key = siteId + "/" + (account == null ? "" : account) + "/" + from;
        return Objects.requireNonNull(register, "register").history(BillText.REGISTER, key).stream()
                .map(UtilityBillServiceImpl::record).toList();
    }

    @Override
    public BilledEnergy billedEnergy(String siteId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(siteId, "siteId");
        return BilledEnergyCalc.compute(siteId, from, to, records(siteId));
    }

    private static UtilityBillRecord record(RegisterRecord r) {
        return new UtilityBillRecord(BillText.parse(r.text(), r.key()), r.key(), r.ref(), r.version(), r.reason(),
                r.recordedAt());
    }

    @Override
    public SubmitReport importMeterLog(String fileName, String format, Reader csv) {
        Objects.requireNonNull(csv, "csv");
        var f = MeterLogFormat.parse(format);
        var service = ingest;
        if (service == null) {
            throw new IllegalStateException("meter logs are imported as readings through the ingest service, and none"
                    + " is running (start the core bundle); nothing was imported");
        }
        var name = fileName == null || fileName.isBlank() ? "(unnamed)" : fileName;
        var report = MeterLogImport.run(service, name, f, csv);
        LOG.info("meter log {} ({}): {} readings stored, {} already stored, {} lines refused", name,
                f.name().toLowerCase(java.util.Locale.ROOT), report.accepted(), report.duplicates(),
                report.errors().size());
        return report;
    }
}
