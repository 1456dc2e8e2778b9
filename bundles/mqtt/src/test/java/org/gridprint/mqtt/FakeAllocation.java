package org.gridprint.mqtt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.Job;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.allocation.SubmitReport;
import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.allocation.UtilityBillService;

/**
 * Job and bill services following the api contract, in memory: a stamp for an undeclared machine, a stop without its
 * start and a second start are refused with the index; the same stamp again is a duplicate; CSV lines refused by
 * number; bills keyed by site/account/from.
 */
final class FakeAllocation implements JobService, UtilityBillService {

    final Set<String> machines;
    final Map<String, JobStamp> stamps = new HashMap<>();
    final List<UtilityBill> storedBills = new ArrayList<>();
    final List<String> logCalls = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    FakeAllocation(Set<String> machines) {
        this.machines = machines;
    }

    @Override
    public synchronized SubmitReport submit(List<JobStamp> batch) {
        int accepted = 0;
        int duplicates = 0;
        var errors = new ArrayList<ItemError>();
        for (int i = 0; i < batch.size(); i++) {
            var s = batch.get(i);
            var item = "job " + s.jobId() + " " + s.kind().name().toLowerCase();
            var key = s.jobId() + "|" + s.kind();
            if (!machines.contains(s.machine())) {
                errors.add(new ItemError(i, item, "machine", "machine '" + s.machine() + "' is not a declared meter"));
            } else if (s.equals(stamps.get(key))) {
                duplicates++;
            } else if (stamps.containsKey(key)) {
                errors.add(new ItemError(i, item, "kind", "a second " + s.kind() + " of job " + s.jobId()));
            } else if (s.kind() == JobStamp.Kind.STOP && !stamps.containsKey(s.jobId() + "|START")) {
                errors.add(new ItemError(i, item, "kind", "stop of job " + s.jobId() + " before its start"));
            } else {
                stamps.put(key, s);
                accepted++;
            }
        }
        return new SubmitReport(accepted, duplicates, errors);
    }

    @Override
    public SubmitReport submitCsv(String fileName, Reader csv) {
        var batch = new ArrayList<JobStamp>();
        var errors = new ArrayList<ItemError>();
        var lines = lines(csv);
        var lineNumbers = new ArrayList<Integer>();
        for (int n = 2; n <= lines.size(); n++) {
            var f = lines.get(n - 1).split(",", -1);
            try {
                batch.add(new JobStamp(f[0], f[1], JobStamp.Kind.valueOf(f[2]), Instant.parse(f[3]), f[4],
                        f[5].isEmpty() ? 0 : Double.parseDouble(f[5]), "file:" + fileName));
                lineNumbers.add(n);
            } catch (RuntimeException e) {
                errors.add(new ItemError(n, "line " + n, "", "not a stamp: " + lines.get(n - 1)));
            }
        }
        var r = submit(batch);
        for (var e : r.errors()) {
            errors.add(new ItemError(lineNumbers.get(e.index()), "line " + lineNumbers.get(e.index()), e.field(),
                    e.reason()));
        }
        return new SubmitReport(r.accepted(), r.duplicates(), errors);
    }

    @Override
    public List<Job> jobs(Instant from, Instant to) {
        return List.of();
    }

    @Override
    public synchronized SubmitReport submitBills(List<UtilityBill> list, String reason) {
        reasons.add(reason);
        int accepted = 0;
        int duplicates = 0;
        var keys = new HashSet<String>();
        for (var b : storedBills) {
            keys.add(b.siteId() + "/" + b.account() + "/" + b.from());
        }
        for (var b : list) {
            if (storedBills.contains(b)) {
                duplicates++;
            } else {
                storedBills.add(b);
                accepted++;
            }
        }
        return new SubmitReport(accepted, duplicates, List.of());
    }

    @Override
    public SubmitReport submitBillsCsv(String fileName, Reader csv, String reason) {
        var lines = lines(csv);
        var bills = new ArrayList<UtilityBill>();
        var errors = new ArrayList<ItemError>();
        for (int n = 2; n <= lines.size(); n++) {
            var f = lines.get(n - 1).split(",", -1);
            try {
                bills.add(new UtilityBill(f[0], f[1], f[2], java.time.LocalDate.parse(f[3]),
                        java.time.LocalDate.parse(f[4]), new java.math.BigDecimal(f[5]), new java.math.BigDecimal(f[6]),
                        f[7]));
            } catch (RuntimeException e) {
                errors.add(new ItemError(n, "line " + n, "kwh", "line " + n + " of " + fileName + " is not a bill"));
            }
        }
        var r = submitBills(bills, reason);
        return new SubmitReport(r.accepted(), r.duplicates(), errors);
    }

    @Override
    public List<UtilityBill> bills(String siteId) {
        return storedBills.stream().filter(b -> b.siteId().equals(siteId)).toList();
    }

    @Override
    public synchronized SubmitReport importMeterLog(String fileName, String format, Reader csv) {
        var lines = lines(csv);
        logCalls.add(fileName + "|" + format + "|" + (lines.size() - 1));
        return new SubmitReport(lines.size() - 1, 0, List.of());
    }

    private static List<String> lines(Reader csv) {
        try (var r = new BufferedReader(csv)) {
            return r.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
