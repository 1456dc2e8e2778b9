package org.gridprint.allocation.costbill;

import java.util.LinkedHashMap;
import java.util.Locale;

import org.gridprint.allocation.bills.RecordText;
import org.gridprint.api.allocation.CostBill;

/**
 * A cost bill's register text (register {@value #REGISTER}, key {@code site/dimension/target/from/to}, dates in the
 * bill's zone): the period, currency, the tariff and allocation versions it was computed from, and one
 * {@code line.NNN} per line ({@code kind|label|quantity|unit|rate|amount|windowFrom|windowTo|windows}). The same
 * computation gives the same text: a bill run again stores nothing unless a tariff or allocation changed.
 */
final class CostBillText {

    static final String REGISTER = "cost-bill";

    private CostBillText() {
    }

    static String key(CostBill b) {
        return b.siteId() + "/" + b.dimension() + "/" + b.target() + "/" + b.from().atZone(b.zone()).toLocalDate()
                + "/" + b.to().atZone(b.zone()).toLocalDate();
    }

    static String format(CostBill b) {
        var m = new LinkedHashMap<String, String>();
        m.put("format", "1");
        m.put("site", b.siteId());
        m.put("dimension", b.dimension());
        m.put("target", b.target());
        m.put("from", b.from().toString());
        m.put("to", b.to().toString());
        m.put("timeZone", b.zone().getId());
        m.put("currency", b.currency());
        m.put("tariff", b.tariffId());
        m.put("tariffRef", Long.toString(b.tariffRef()));
        m.put("tariffVersion", Integer.toString(b.tariffVersion()));
        m.put("allocationVersion", Integer.toString(b.allocationVersion()));
        m.put("ruleRef", Long.toString(b.ruleRef()));
        m.put("ruleVersion", Integer.toString(b.ruleVersion()));
        m.put("energyNano", Long.toString(b.energyNano()));
        m.put("total", b.total().toPlainString());
        for (int i = 0; i < b.lines().size(); i++) {
            var l = b.lines().get(i);
            m.put(String.format(Locale.ROOT, "line.%03d", i + 1), String.join("|", l.kind().name(), l.label(),
                    l.quantity().toPlainString(), l.unit(), l.rate().toPlainString(), l.amount().toPlainString(),
                    l.windowFrom().map(Object::toString).orElse(""), l.windowTo().map(Object::toString).orElse(""),
                    Integer.toString(l.windows())));
        }
        return RecordText.format(m);
    }
}
