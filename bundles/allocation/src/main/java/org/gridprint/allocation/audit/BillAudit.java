package org.gridprint.allocation.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.gridprint.allocation.tree.MeterTreeImpl;
import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.store.EmissionWindowStore;

/**
 * A site's utility bills against the sum of its main meters (the meters without a parent) over each bill's days (in
 * the site's zone, {@code from} to {@code to} inclusive), from the store's totals. Bills overlapping the audited
 * days are audited whole. Per-window figures do not apply to a bill (it has one number for its period).
 */
public final class BillAudit {

    private BillAudit() {
    }

    public static List<AuditFinding> audit(String siteId, List<UtilityBill> bills, List<String> mainMeters,
            EmissionWindowStore store, ZoneId zone, LocalDate from, LocalDate to, AuditSettings settings) {
        var out = new ArrayList<AuditFinding>();
        for (var bill : bills) {
            if (!bill.siteId().equals(siteId) || bill.to().isBefore(from) || !bill.from().isBefore(to)) {
                continue;
            }
            var name = (bill.supplier().isEmpty() ? "bill" : bill.supplier())
                    + (bill.account().isEmpty() ? "" : "/" + bill.account()) + " " + bill.from() + ".." + bill.to();
            long billNano = bill.kwh().movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            var energy = MeterTreeImpl.energy(store, new HashSet<>(mainMeters), bill.from().atStartOfDay(zone)
                    .toInstant(), bill.to().plusDays(1).atStartOfDay(zone).toInstant(), zone,
                    Quantity.ACTIVE_ENERGY_IMPORT);
            long sum = 0;
            long windows = 0;
            for (var e : energy.values()) {
                sum += e.nano();
                windows += e.windows();
            }
            long r = billNano - sum;
            AuditFinding.Verdict verdict;
            String note;
            var missing = mainMeters.stream().filter(m -> !energy.containsKey(m)).toList();
            if (energy.isEmpty()) {
                verdict = AuditFinding.Verdict.NO_DATA;
                note = "no windows of the site's main meters in the bill's days";
            } else if (r < 0 && -r > settings.minNano()) {
                verdict = AuditFinding.Verdict.NEGATIVE_REMAINDER;
                note = "the main meters measured " + AuditEngine.kwh(-r) + " kWh more than billed";
            } else if (settings.over(billNano, r)) {
                verdict = AuditFinding.Verdict.OVER_THRESHOLD;
                note = AuditEngine.kwh(r) + " kWh billed but not metered";
            } else {
                verdict = AuditFinding.Verdict.OK;
                note = "the main meters agree with the bill within "
                        + settings.thresholdPercent().stripTrailingZeros().toPlainString() + " %";
            }
            if (!missing.isEmpty() && !energy.isEmpty()) {
                note += "; no windows for " + String.join(", ", missing);
            }
            note += " (bill " + bill.kwh().stripTrailingZeros().toPlainString() + " kWh"
                    + (bill.cost().signum() == 0 ? "" : ", " + bill.cost().toPlainString() + " " + bill.currency())
                    + ")";
            out.add(new AuditFinding(siteId, AuditFinding.Kind.BILL, name, mainMeters, billNano, sum, windows, 0, 0, 0,
                    0, Optional.empty(), verdict, note));
        }
        return out;
    }

    static BigDecimal kwh(long nano) {
        return BigDecimal.valueOf(nano).movePointLeft(9);
    }
}
