package org.gridprint.allocation.datacenter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.TenantStatement;

/**
 * The statement as CSV (RFC 4180 via Apache Commons CSV), one record per row, its kind in column {@code record}:
 * {@code statement} (what and when), {@code window} (the tenant's exact split of each window: kWh and kg with 9
 * decimals), {@code line} (each target's rounded period figures, then {@code (facility)}), {@code factor},
 * {@code offset} and {@code finding} (their text in {@code note}).
 */
final class StatementCsv {

    static final List<String> HEADER = List.of("record", "target", "start", "end", "it_kwh", "estimated_it_kwh",
            "overhead_kwh", "total_kwh", "pue", "location_kg_co2e", "market_kg_co2e", "rec_kwh", "facility_kwh",
            "all_it_kwh", "note");

    private StatementCsv() {
    }

    static String render(TenantStatement s) {
        var out = new StringWriter();
        var format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
        try (var csv = new CSVPrinter(out, format)) {
            var zoneFrom = s.from().atStartOfDay(s.zone()).toInstant();
            var zoneTo = s.to().atStartOfDay(s.zone()).toInstant();
            csv.printRecord(row("statement", s.tenant(), zoneFrom.toString(), zoneTo.toString(), "data center "
                    + s.dataCenter() + ", site " + s.siteId() + ", days " + s.from() + " .. " + s.to().minusDays(1)
                    + " (" + s.zone() + "), " + s.accountedWindows() + " facility windows, configuration ref "
                    + s.configRef() + ", computed " + s.computedAt()));
            for (var w : s.windows()) {
                var r = row("window", s.tenant(), w.start().toString(), w.end().toString(), "");
                r.set(4, Amounts.nano(w.tenantItNano()));
                r.set(5, Amounts.nano(w.tenantEstimatedNano()));
                r.set(6, Amounts.nano(w.tenantOverheadNano()));
                r.set(7, Amounts.nano(w.tenantItNano() + w.tenantOverheadNano()));
                r.set(8, w.itNano() == 0 ? "" : BigDecimal.valueOf(w.facilityNano())
                        .divide(BigDecimal.valueOf(w.itNano()), 6, RoundingMode.HALF_EVEN).toPlainString());
                r.set(9, Amounts.nano(w.locationMicrograms()));
                r.set(10, Amounts.nano(w.marketMicrograms()));
                r.set(11, Amounts.nano(w.recNano()));
                r.set(12, Amounts.nano(w.facilityNano()));
                r.set(13, Amounts.nano(w.itNano()));
                csv.printRecord(r);
            }
            for (var l : s.lines()) {
                csv.printRecord(line(l));
            }
            csv.printRecord(line(s.facility()));
            for (var f : s.factors()) {
                csv.printRecord(row("factor", "", "", "", f.method() + " ref " + f.ref() + " | " + f.id() + " | "
                        + f.edition() + " | " + f.source() + " | " + f.windows() + " windows"));
            }
            for (var o : s.offsets()) {
                csv.printRecord(row("offset", s.tenant(), "", "", o.serial() + " | " + o.tonnesCo2e().toPlainString()
                        + " t CO2e | " + o.standard() + " | " + o.project() + " | vintage " + o.vintage()
                        + " | retired " + o.retiredOn() + " | " + o.retirementId() + " | not subtracted"));
            }
            for (var f : s.findings()) {
                csv.printRecord(row("finding", "", "", "", f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> line(StatementLine l) {
        var r = row("line", l.target(), "", "", l.estimatedItWh() > 0 ? "includes ESTIMATED IT energy" : "");
        r.set(4, Amounts.milli(l.itWh()));
        r.set(5, Amounts.milli(l.estimatedItWh()));
        r.set(6, Amounts.milli(l.overheadWh()));
        r.set(7, Amounts.milli(l.totalWh()));
        r.set(8, l.pue().map(BigDecimal::toPlainString).orElse(""));
        r.set(9, Amounts.milli(l.locationCo2eGrams()));
        r.set(10, Amounts.milli(l.marketCo2eGrams()));
        r.set(11, Amounts.milli(l.recWh()));
        return r;
    }

    private static List<String> row(String record, String target, String start, String end, String note) {
        var r = new ArrayList<String>(HEADER.size());
        for (int i = 0; i < HEADER.size(); i++) {
            r.add("");
        }
        r.set(0, record);
        r.set(1, target);
        r.set(2, start);
        r.set(3, end);
        r.set(HEADER.size() - 1, note);
        return r;
    }
}
