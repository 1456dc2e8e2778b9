package org.gridprint.shell;

import java.util.List;
import java.util.TreeMap;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;

/**
 * Totals of {@code gridprint:emissions}, per accounting method: location- and market-based records cover the
 * same energy, so adding them up would count it twice.
 */
public final class EmissionTotals {

    public record Total(AccountingMethod method, long records, double kwh, double kgCo2e) {
    }

    private EmissionTotals() {
    }

    public static List<Total> byMethod(List<EmissionRecord> records) {
        var totals = new TreeMap<AccountingMethod, Total>();
        for (var r : records) {
            totals.merge(r.factor().method(), new Total(r.factor().method(), 1, r.interval().energy(), r.kgCo2e()),
                    (a, b) -> new Total(a.method(), a.records() + b.records(), a.kwh() + b.kwh(), a.kgCo2e() + b.kgCo2e()));
        }
        return List.copyOf(totals.values());
    }

}
