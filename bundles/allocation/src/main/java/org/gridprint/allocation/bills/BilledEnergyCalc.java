package org.gridprint.allocation.bills;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.allocation.BilledEnergy;
import org.gridprint.api.allocation.UtilityBillRecord;

/**
 * A site's energy in a period from its bills, pro rata by days: a bill over {@code [from, to]} (inclusive) adds
 * {@code kWh x days in the period / days billed}, half-up to 6 decimals. Pure.
 */
final class BilledEnergyCalc {

    private BilledEnergyCalc() {
    }

    static BilledEnergy compute(String siteId, LocalDate from, LocalDate to, List<UtilityBillRecord> records) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("billed energy period must end after it starts: " + from + " .. " + to);
        }
        var parts = new ArrayList<BilledEnergy.Part>();
        var total = BigDecimal.ZERO;
        for (var r : records) {
            var b = r.bill();
            var billEnd = b.to().plusDays(1);
            var a = b.from().isAfter(from) ? b.from() : from;
            var e = billEnd.isBefore(to) ? billEnd : to;
            long days = ChronoUnit.DAYS.between(a, e);
            if (days <= 0) {
                continue;
            }
            long billDays = ChronoUnit.DAYS.between(b.from(), billEnd);
            var kwh = b.kwh().multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(billDays), 6,
                    RoundingMode.HALF_UP);
            parts.add(new BilledEnergy.Part(r, days, billDays, kwh));
            total = total.add(kwh);
        }
        return new BilledEnergy(siteId, from, to, total, parts);
    }
}
