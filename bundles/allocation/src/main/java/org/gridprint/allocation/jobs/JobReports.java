package org.gridprint.allocation.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.Job;
import org.gridprint.api.allocation.JobEnergy;
import org.gridprint.api.allocation.JobReport;
import org.gridprint.api.allocation.MachineEnergy;
import org.gridprint.api.allocation.ProductEnergy;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.WindowQuery;

/**
 * Builds a {@link JobReport} from the job records and the machines' Scope 2 windows (ACTIVE_ENERGY_IMPORT, location-
 * and market-based, counted windows only: an unaccepted SUSPECT_SPIKE is left out as in every total). A running job
 * ends at the report's end or now, the earlier. The report names the factor versions and instruments of the windows
 * it used, so every CO2e figure keeps its factor version, source and edition.
 */
final class JobReports {

    private JobReports() {
    }

    static JobReport build(Instant from, Instant to, Instant now, List<Job> jobs, Collection<String> extraMachines,
            EmissionWindowStore windows) {
        var byMachine = new TreeMap<String, List<Job>>();
        for (var m : extraMachines) {
            byMachine.put(m, new ArrayList<>());
        }
        for (var j : jobs) {
            byMachine.computeIfAbsent(j.machine(), k -> new ArrayList<>()).add(j);
        }
        var runEnd = now.isBefore(to) ? now : to;
        var factors = new java.util.TreeSet<Long>();
        var instruments = new java.util.TreeSet<Long>();
        var jobRows = new ArrayList<JobEnergy>();
        var machineRows = new ArrayList<MachineEnergy>();
        for (var e : byMachine.entrySet()) {
            var machine = e.getKey();
            var slots = slots(machine, from, to, windows, factors, instruments);
            var spans = new ArrayList<JobSplit.Span>();
            for (var j : e.getValue()) {
                var end = j.stop().orElse(runEnd);
                if (end.isAfter(j.start())) {
                    spans.add(new JobSplit.Span(j.jobId(), j.start(), end));
                }
            }
            var r = JobSplit.split(slots, spans);
            long energy = 0;
            long loc = 0;
            long mkt = 0;
            for (var s : slots) {
                energy += s.energyNano();
                loc += s.locationMicrograms();
                mkt += s.marketMicrograms();
            }
            for (var j : e.getValue()) {
                var share = r.jobs().get(j.jobId());
                var end = j.stop().orElse(runEnd);
                jobRows.add(new JobEnergy(j.jobId(), machine, j.product(), j.start(), end.isAfter(j.start()) ? end
                        : j.start(), j.stop().isEmpty(), j.quantity(), share == null ? 0 : share.sharedMillis,
                        share == null ? 0 : share.energyNano, share == null ? 0 : share.locationMicrograms,
                        share == null ? 0 : share.marketMicrograms, share == null ? 0 : share.windows));
            }
            machineRows.add(new MachineEnergy(machine, energy, loc, mkt, r.idle().energyNano,
                    r.idle().locationMicrograms, r.idle().marketMicrograms, e.getValue().size(), slots.size()));
        }
        jobRows.sort(Comparator.comparing(JobEnergy::start).thenComparing(JobEnergy::jobId));
        return new JobReport(from, to, jobRows, products(jobRows, from, to), machineRows, List.copyOf(factors),
                List.copyOf(instruments), now);
    }

    private static List<ProductEnergy> products(List<JobEnergy> jobs, Instant from, Instant to) {
        var by = new TreeMap<String, List<JobEnergy>>();
        for (var j : jobs) {
            by.computeIfAbsent(j.product().isEmpty() ? ProductEnergy.NONE : j.product(), k -> new ArrayList<>()).add(j);
        }
        var out = new ArrayList<ProductEnergy>();
        by.forEach((product, js) -> {
            int partial = 0;
            double quantity = 0;
            long e = 0;
            long l = 0;
            long m = 0;
            for (var j : js) {
                if (j.running() || j.start().isBefore(from) || j.end().isAfter(to)) {
                    partial++;
                }
                quantity += j.quantity();
                e += j.energyNano();
                l += j.locationCo2eMicrograms();
                m += j.marketCo2eMicrograms();
            }
            out.add(new ProductEnergy(product, js.size(), partial, quantity, e, l, m));
        });
        return out;
    }

    /** The machine's Scope 2 electricity windows in the period, location and market twins joined by start. */
    static List<JobSplit.Slot> slots(String machine, Instant from, Instant to, EmissionWindowStore windows,
            Set<Long> factors, Set<Long> instruments) {
        var bySlot = new TreeMap<Instant, long[]>();
        var ends = new TreeMap<Instant, Instant>();
        windows.scanWindows(new WindowQuery(from, to, Set.of(machine), "", Optional.of(Scope.SCOPE_2),
                Optional.empty()), w -> {
                    if (w.quantity() != Quantity.ACTIVE_ENERGY_IMPORT || !w.counted()) {
                        return true;
                    }
                    // [0] energy from the location window, [1] location µg, [2] market µg, [3] market energy
                    var a = bySlot.computeIfAbsent(w.start(), k -> new long[] {-1, 0, 0, -1});
                    if (w.factorRef() > 0) {
                        factors.add(w.factorRef());
                    }
                    if (w.instrumentRef() > 0) {
                        instruments.add(w.instrumentRef());
                    }
                    ends.put(w.start(), w.end());
                    if (w.method() == AccountingMethod.LOCATION_BASED) {
                        a[0] = w.amountNano();
                        a[1] = w.co2eMicrograms();
                    } else if (w.method() == AccountingMethod.MARKET_BASED) {
                        a[3] = w.amountNano();
                        a[2] = w.co2eMicrograms();
                    }
                    return true;
                });
        var out = new ArrayList<JobSplit.Slot>(bySlot.size());
        for (Map.Entry<Instant, long[]> e : bySlot.entrySet()) {
            var a = e.getValue();
            long energy = a[0] >= 0 ? a[0] : Math.max(a[3], 0);
            out.add(new JobSplit.Slot(e.getKey(), ends.get(e.getKey()), energy, a[1], a[2]));
        }
        return out;
    }
}
